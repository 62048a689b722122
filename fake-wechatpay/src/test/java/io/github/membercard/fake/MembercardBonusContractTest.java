package io.github.membercard.fake;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.membercard.client.api.MembercardBonusApi;
import io.github.membercard.client.api.MembercardBonusApi.CommitBonusParams;
import io.github.membercard.client.api.MembercardBonusApi.PrepareBonusParams;
import io.github.membercard.client.model.MembercardBonusRequest;
import java.util.Map;
import org.junit.jupiter.api.Test;

class MembercardBonusContractTest extends ContractTestBase {

  private static final String BONUS =
      "/v3/marketing/membercard-open/cards/" + CARD_ID + "/codes/" + CODE + "/bonus/";
  private static final String OUT_TRADE_NO = "1217752501201407033233368018";
  private static final String MCHID = "1230000109";
  private static final String SUB_MCHID = "1900000109";

  private final MembercardBonusApi bonus = client.create(MembercardBonusApi.class);

  @Test
  @Covers("prepareBonus")
  void prepareBonusPostsTheOrderAndItsPoints() {
    assertDoesNotThrow(
        () ->
            bonus.prepareBonus(
                PrepareBonusParams.builder().cardId(CARD_ID).code(CODE).body(order()).build()));

    ReceivedRequest received = onlyRequest("prepareBonus");
    assertEquals("POST", received.method());
    assertEquals(BONUS + "prepare", received.url());
    assertOrder(received.body());
  }

  @Test
  @Covers("commitBonus")
  void commitBonusPostsTheOrderWhosePointsAreCredited() {
    assertDoesNotThrow(
        () ->
            bonus.commitBonus(
                CommitBonusParams.builder().cardId(CARD_ID).code(CODE).body(order()).build()));

    ReceivedRequest received = onlyRequest("commitBonus");
    assertEquals("POST", received.method());
    assertEquals(BONUS + "commit", received.url());
    assertOrder(received.body());
  }

  @Test
  void prepareBonusWithoutBonusValueGets400WithItsPointer() {
    assertRefusedHereAndByTheFake(
        "/bonus_value",
        () ->
            bonus.prepareBonus(
                PrepareBonusParams.builder()
                    .cardId(CARD_ID)
                    .code(CODE)
                    .body(order().bonusValue(null))
                    .build()),
        "prepareBonus",
        Map.of("card_id", CARD_ID, "code", CODE),
        order().bonusValue(null));
  }

  private static MembercardBonusRequest order() {
    return new MembercardBonusRequest()
        .outTradeNo(OUT_TRADE_NO)
        .mchid(MCHID)
        .subMchid(SUB_MCHID)
        .bonusValue(30L);
  }

  private static void assertOrder(JsonNode body) {
    assertEquals(OUT_TRADE_NO, body.get("out_trade_no").asText());
    assertEquals(MCHID, body.get("mchid").asText());
    assertEquals(SUB_MCHID, body.get("sub_mchid").asText());
    assertTrue(body.get("bonus_value").isIntegralNumber(), body.toString());
    assertEquals(30L, body.get("bonus_value").asLong());
  }
}
