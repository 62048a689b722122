package io.github.membercard.spring;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The metadata IDEs read: every group and property described, and the values worth hinting. */
class ConfigurationMetadataTest {

  @Test
  void everyGroupAndPropertyIsDescribedAndTheChoicesHinted() throws IOException {
    JsonNode metadata;
    try (InputStream in =
        getClass().getResourceAsStream("/META-INF/spring-configuration-metadata.json")) {
      metadata = new ObjectMapper().readTree(in);
    }
    List<String> undescribed = new ArrayList<>();
    for (String section : List.of("groups", "properties")) {
      for (JsonNode entry : metadata.get(section)) {
        if (!entry.hasNonNull("description") || entry.get("description").asText().isBlank()) {
          undescribed.add(entry.get("name").asText());
        }
      }
    }
    assertThat(undescribed).isEmpty();
    List<String> hinted = new ArrayList<>();
    metadata.get("hints").forEach(hint -> hinted.add(hint.get("name").asText()));
    assertThat(hinted)
        .contains(
            "membercard.wechatpay.key-mode",
            "membercard.wechatpay.base-url",
            "membercard.wechatpay.private-key",
            "membercard.wechatpay.webhook.max-body-size");
    assertThat(metadata.get("properties").findValuesAsText("name"))
        .contains(
            "membercard.wechatpay.enabled",
            "membercard.wechatpay.max-response-size",
            "membercard.wechatpay.rate-limited",
            "membercard.wechatpay.download-certificates-at-startup",
            "membercard.wechatpay.webhook.body-timeout");
  }
}
