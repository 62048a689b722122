package io.github.membercard.wechatpay.crypto;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.github.membercard.wechatpay.WechatPayConfigurationException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A source that cannot be read says why in a few words, naming the source once and never repeating
 * a path an exception's message already is.
 */
class PemSourceFailureTest {

  @TempDir Path dir;

  @Test
  void aFileSystemFailureGivesItsReasonAlone() throws IOException {
    Path file = Files.writeString(dir.resolve("apiclient_key.pem"), "not a directory");
    Path beneath = file.resolve("key.pem");

    WechatPayConfigurationException error =
        assertThrows(WechatPayConfigurationException.class, PemSource.file(beneath)::read);

    assertEquals("Cannot read file " + beneath + ": Not a directory", error.getMessage());
  }

  @Test
  void aFileSystemFailureWithoutAReasonGivesItsKind() {
    // Its message would be the path alone, already named.
    WechatPayConfigurationException error =
        failure(() -> new FileSystemException("/secret/path/apiclient_key.pem"));

    assertEquals(
        "Cannot read classpath resource apiclient_key.pem: FileSystemException",
        error.getMessage());
  }

  @Test
  void anotherFailureGivesItsMessage() {
    WechatPayConfigurationException error = failure(() -> new IOException("connection reset"));

    assertEquals(
        "Cannot read classpath resource apiclient_key.pem: connection reset", error.getMessage());
    assertEquals("connection reset", error.getCause().getMessage());
  }

  @Test
  void aFailureWithoutAMessageGivesItsKind() {
    assertEquals(
        "Cannot read classpath resource apiclient_key.pem: IOException",
        failure(IOException::new).getMessage());
    assertEquals(
        "Cannot read classpath resource apiclient_key.pem: IllegalStateException",
        failure(IllegalStateException::new).getMessage());
  }

  @Test
  void theCauseIsKept() {
    IOException cause = new IOException("disk on fire");

    assertSame(cause, failure(() -> cause).getCause());
  }

  /** Reads a classpath resource whose stream fails with what {@code failure} makes. */
  private static WechatPayConfigurationException failure(Supplier<Exception> failure) {
    ClassLoader loader =
        new ClassLoader(null) {
          @Override
          public InputStream getResourceAsStream(String name) {
            return new InputStream() {
              @Override
              public int read() throws IOException {
                Exception e = failure.get();
                if (e instanceof IOException io) {
                  throw io;
                }
                throw (RuntimeException) e;
              }
            };
          }
        };
    Thread thread = Thread.currentThread();
    ClassLoader previous = thread.getContextClassLoader();
    thread.setContextClassLoader(loader);
    try {
      return assertThrows(
          WechatPayConfigurationException.class, PemSource.classpath("apiclient_key.pem")::read);
    } finally {
      thread.setContextClassLoader(previous);
    }
  }
}
