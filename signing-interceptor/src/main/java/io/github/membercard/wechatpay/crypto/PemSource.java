package io.github.membercard.wechatpay.crypto;

import io.github.membercard.wechatpay.WechatPayConfigurationException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Objects;

/**
 * Where PEM text comes from: a file, a string, or a classpath resource. Read once, when the client
 * is built; {@link #toString()} names the source, never the content.
 */
public final class PemSource {

  private final String description;
  private final Reader reader;

  @FunctionalInterface
  private interface Reader {
    String read() throws IOException;
  }

  private PemSource(String description, Reader reader) {
    this.description = description;
    this.reader = reader;
  }

  /**
   * Creates a source that reads a PEM file, as US-ASCII, when the client is built; a missing file
   * fails then, not now.
   *
   * @param file a PEM file
   * @return a source reading that file
   */
  public static PemSource file(Path file) {
    Objects.requireNonNull(file, "file");
    return new PemSource("file " + file, () -> Files.readString(file, StandardCharsets.US_ASCII));
  }

  /**
   * Creates a source holding PEM text already in memory.
   *
   * @param pem PEM text, {@code -----BEGIN ...} included
   * @return a source holding that text
   */
  public static PemSource text(String pem) {
    Objects.requireNonNull(pem, "pem");
    return new PemSource("PEM text", () -> pem);
  }

  /**
   * Creates a source that reads a PEM classpath resource, as US-ASCII, when the client is built; a
   * missing resource fails then, not now.
   *
   * @param resource a resource name as {@link ClassLoader#getResource} takes it, without a leading
   *     slash
   * @return a source reading that resource from the thread's context class loader
   */
  public static PemSource classpath(String resource) {
    Objects.requireNonNull(resource, "resource");
    return new PemSource(
        "classpath resource " + resource,
        () -> {
          ClassLoader loader = Thread.currentThread().getContextClassLoader();
          try (InputStream in =
              (loader != null ? loader : PemSource.class.getClassLoader())
                  .getResourceAsStream(resource)) {
            if (in == null) {
              throw new NoSuchFileException(resource);
            }
            return new String(in.readAllBytes(), StandardCharsets.US_ASCII);
          }
        });
  }

  /**
   * Reads the PEM text, turning any failure into a configuration error that names the source.
   *
   * @return the PEM text
   * @throws WechatPayConfigurationException if it cannot be read or is empty
   */
  public String read() {
    String pem;
    try {
      pem = reader.read();
    } catch (NoSuchFileException e) {
      throw new WechatPayConfigurationException("pem", description + " does not exist", e);
    } catch (IOException | RuntimeException e) {
      throw new WechatPayConfigurationException(
          "pem", "Cannot read " + description + ": " + reason(e), e);
    }
    if (pem.isBlank()) {
      throw new WechatPayConfigurationException("pem", description + " is empty");
    }
    return pem;
  }

  /** Why reading failed, without repeating the path a file system exception's message is. */
  private static String reason(Exception e) {
    if (e instanceof FileSystemException failure && failure.getReason() != null) {
      return failure.getReason();
    }
    return e instanceof FileSystemException || e.getMessage() == null
        ? e.getClass().getSimpleName()
        : e.getMessage();
  }

  @Override
  public String toString() {
    return description;
  }
}
