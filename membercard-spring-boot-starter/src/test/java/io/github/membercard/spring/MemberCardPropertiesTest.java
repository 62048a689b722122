package io.github.membercard.spring;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class MemberCardPropertiesTest {

  private static final String API_V3_KEY = "a7cde1ZJB1kG2e7VfTs3jQzaWizur8Gb";

  @Test
  void toStringShowsNeitherTheApiV3KeyNorOnePastedAsThePublicKeyId() {
    MemberCardProperties properties = new MemberCardProperties();
    properties.setApiV3Key(API_V3_KEY);
    properties.setPublicKeyId(API_V3_KEY);

    String shown = properties.toString();

    assertFalse(shown.contains(API_V3_KEY), shown);
    assertTrue(shown.contains("publicKeyId=(not a PUB_KEY_ID_… id)"), shown);
  }

  @Test
  void toStringShowsARealPublicKeyId() {
    MemberCardProperties properties = new MemberCardProperties();
    properties.setPublicKeyId("PUB_KEY_ID_0114232134912410000000000000");

    assertTrue(
        properties.toString().contains("publicKeyId=PUB_KEY_ID_0114232134912410000000000000"),
        properties.toString());
  }
}
