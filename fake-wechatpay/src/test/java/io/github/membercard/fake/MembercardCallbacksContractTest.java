package io.github.membercard.fake;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import io.github.membercard.client.api.MembercardCallbacksApi;
import io.github.membercard.client.model.MembercardCallback;
import io.github.membercard.client.model.MembercardCallbackRequest;
import java.util.Map;
import org.junit.jupiter.api.Test;

class MembercardCallbacksContractTest extends ContractTestBase {

  private static final String CALLBACK = "/v3/marketing/membercard-open/callback";
  private static final String NOTIFY_URL = "https://pay.weixin.qq.com/membercard/notify?shop=1004";

  private final MembercardCallbacksApi callbacks = client.create(MembercardCallbacksApi.class);

  @Test
  @Covers("setCallbackUrl")
  void setCallbackUrlPatchesTheNotifyUrl() {
    MembercardCallback callback =
        callbacks.setCallbackUrl(new MembercardCallbackRequest().notifyUrl(NOTIFY_URL));

    ReceivedRequest received = onlyRequest("setCallbackUrl");
    assertEquals("PATCH", received.method());
    assertEquals(CALLBACK, received.url());
    assertEquals(NOTIFY_URL, received.body().get("notify_url").asText());
    assertEquals(1, received.body().size(), received.rawBody());

    assertEquals(NOTIFY_URL, callback.getNotifyUrl(), "echoed from the request");
  }

  @Test
  @Covers("getCallbackUrl")
  void getCallbackUrlResponsesTheUrlAndTheMerchant() {
    MembercardCallback callback = callbacks.getCallbackUrl();

    ReceivedRequest received = onlyRequest("getCallbackUrl");
    assertEquals("GET", received.method());
    assertEquals(CALLBACK, received.url());
    assertEquals(0, received.query().size(), received.url());
    assertNull(received.body());

    assertEquals("https://pay.weixin.qq.com", callback.getNotifyUrl(), "the spec's example");
    assertEquals("1900000001", callback.getMchid(), "the spec's example");
  }

  @Test
  void aMissingNotifyUrlGets400WithItsPointer() {
    assertRefusedHereAndByTheFake(
        "/notify_url",
        () -> callbacks.setCallbackUrl(new MembercardCallbackRequest()),
        "setCallbackUrl",
        Map.of(),
        new MembercardCallbackRequest());
    assertEquals(
        0, wechatPay.requests("getCallbackUrl").size(), "the PATCH is not taken for the GET");
  }
}
