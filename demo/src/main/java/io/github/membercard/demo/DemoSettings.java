package io.github.membercard.demo;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.Properties;

/**
 * The demo's settings: environment variables, or a properties file with the same keys. With {@value
 * #MERCHANT_ID} unset the demo runs against the embedded fake.
 */
record DemoSettings(Map<String, String> values) {

  static final String MERCHANT_ID = "WECHATPAY_MCHID";
  static final String SERIAL = "WECHATPAY_SERIAL";
  static final String PRIVATE_KEY = "WECHATPAY_PRIVATE_KEY";
  static final String PUBLIC_KEY_ID = "WECHATPAY_PUBLIC_KEY_ID";
  static final String PUBLIC_KEY = "WECHATPAY_PUBLIC_KEY";
  static final String BASE_URL = "WECHATPAY_BASE_URL";
  static final String BRAND_ID = "MEMBERCARD_BRAND_ID";
  static final String CARD_ID = "MEMBERCARD_CARD_ID";
  static final String CODE = "MEMBERCARD_CODE";
  static final String OPENID = "MEMBERCARD_OPENID";

  private static final Map<String, String> FAKE_CARD =
      Map.of(
          BRAND_ID,
          "1004",
          CARD_ID,
          "pbLatjvWOibDc5-TBnbUk1pD12o0",
          CODE,
          "478515832665",
          OPENID,
          "obLatjnx9gnqzS4myYGmLZ7LgLBA");

  static DemoSettings from(Map<String, String> environment, Path propertiesFile)
      throws IOException {
    Map<String, String> values = new HashMap<>(FAKE_CARD);
    if (propertiesFile != null) {
      Properties properties = new Properties();
      try (Reader reader = Files.newBufferedReader(propertiesFile, StandardCharsets.UTF_8)) {
        properties.load(reader);
      }
      properties.stringPropertyNames().forEach(key -> values.put(key, properties.getProperty(key)));
    } else {
      environment.forEach(
          (key, value) -> {
            if (key.startsWith("WECHATPAY_") || key.startsWith("MEMBERCARD_")) {
              values.put(key, value);
            }
          });
    }
    return new DemoSettings(Map.copyOf(values));
  }

  boolean realWechatPay() {
    return values.containsKey(MERCHANT_ID);
  }

  String require(String key) {
    String value = values.get(key);
    if (value == null || value.isBlank()) {
      throw new IllegalArgumentException(key + " is not set");
    }
    return value;
  }

  String get(String key, String fallback) {
    return values.getOrDefault(key, fallback);
  }
}
