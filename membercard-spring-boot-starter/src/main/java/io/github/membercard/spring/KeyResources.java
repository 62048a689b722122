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

  static PemSource read(String property, Resource resource, String fix) {
    if (resource == null) {
      throw new InvalidMemberCardPropertyException(property, "is not set", fix);
    }
    if (!resource.exists()) {
      throw new InvalidMemberCardPropertyException(
          property, resource.getDescription() + " does not exist", fix);
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
      throw new InvalidMemberCardPropertyException(
          property, "cannot read " + resource.getDescription() + ": " + e.getMessage(), fix, e);
    }
  }
}
