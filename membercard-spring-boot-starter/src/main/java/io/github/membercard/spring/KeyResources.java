package io.github.membercard.spring;

import io.github.membercard.wechatpay.crypto.PemSource;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import org.springframework.core.io.Resource;

/**
 * Reads a key property's Spring {@link Resource} into PEM text once, at start-up, so a missing or
 * unreadable resource is reported against its property before the runtime parses it.
 */
final class KeyResources {

  private KeyResources() {}

  static PemSource read(PropertyCheck check, String property, Resource resource, String fix) {
    if (resource == null) {
      throw new InvalidMemberCardPropertyException(check.name(property), "is not set", fix);
    }
    if (!resource.exists()) {
      throw missing(check, property, resource, fix);
    }
    try {
      if (resource.isFile()) {
        // Read by the runtime, so its messages name the file.
        return PemSource.file(resource.getFile().toPath());
      }
    } catch (IOException e) {
      // Not a file after all: read it below.
    }
    try (InputStream in = resource.getInputStream()) {
      return PemSource.text(new String(in.readAllBytes(), StandardCharsets.US_ASCII));
    } catch (IOException e) {
      throw check.invalid(property, resource, "cannot be read: " + e.getMessage(), fix, e);
    }
  }

  /**
   * A path without a {@code file:} or {@code classpath:} prefix is resolved by the application's
   * resource loader (the servlet context in a web application, the class path otherwise), which
   * surprises whoever meant a file: the analysis says so and gives both spellings.
   */
  private static InvalidMemberCardPropertyException missing(
      PropertyCheck check, String property, Resource resource, String fix) {
    String written = check.written(property);
    if (written != null && !written.contains(":")) {
      return new InvalidMemberCardPropertyException(
          check.name(property),
          "is '"
              + written
              + "', a path without a prefix, which this application reads as "
              + resource.getDescription()
              + "; that does not exist",
          "Write file:"
              + written
              + " for a file on disk, or classpath:"
              + written.replaceFirst("^/+", "")
              + " for a resource packaged with the application");
    }
    return check.invalid(
        property, resource, resource.getDescription() + " does not exist", fix, null);
  }
}
