package io.github.membercard.fake;

import io.swagger.v3.oas.models.media.Schema;
import java.util.Map;

/** Typed access to Swagger's schema model, whose property map is raw. */
final class Schemas {

  private Schemas() {}

  @SuppressWarnings({"rawtypes", "unchecked"})
  static Map<String, Schema<?>> properties(Schema<?> schema) {
    Map properties = schema.getProperties();
    return properties == null ? Map.of() : properties;
  }

  static boolean isEncrypted(Schema<?> schema) {
    return schema.getExtensions() != null && Boolean.TRUE.equals(schema.getExtensions().get("x-wechatpay-encrypted"));
  }
}
