package io.github.membercard.fake;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.membercard.wechatpay.RawRequest;
import io.github.membercard.wechatpay.WechatPayApiException;
import io.github.membercard.wechatpay.WechatPayClient;
import io.github.membercard.wechatpay.WechatPayRequestException;
import io.github.membercard.wechatpay.crypto.PemSource;
import io.github.membercard.wechatpay.internal.crypto.PemKeys;
import io.github.membercard.wechatpay.internal.crypto.RsaOaep;
import io.github.membercard.wechatpay.internal.json.WechatPayJson;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.security.PublicKey;
import java.util.Map;
import org.junit.jupiter.api.function.Executable;

/**
 * A body lacking a required member is refused twice: by the generated call, before anything is
 * sent, and by the fake, with a 400 naming the member, when it arrives anyway (as it does from a
 * raw request or another SDK).
 */
final class RefusedBodies {

  private static final Map<String, SpecOperation> OPERATIONS = Spec.load().operations();

  private RefusedBodies() {}

  /**
   * Asserts that the call is refused before sending, naming the member's JSON pointer, then sends
   * the body as it is and asserts the fake's 400 {@code PARAM_ERROR} at the same pointer.
   *
   * @return the fake's answer, for further assertions
   */
  static WechatPayApiException assertRefusedHereAndByTheFake(
      FakeWechatPay fake,
      WechatPayClient client,
      String pointer,
      Executable call,
      String operationId,
      Map<String, String> pathValues,
      Object body) {
    WechatPayRequestException refused = assertThrows(WechatPayRequestException.class, call);
    assertTrue(
        refused.members().contains(pointer + " (body): missing"), refused.members().toString());
    assertTrue(fake.requests().isEmpty(), "nothing is sent");

    SpecOperation operation = OPERATIONS.get(operationId);
    RawRequest.Builder raw =
        RawRequest.builder(RawRequest.Method.valueOf(operation.method()), operation.pathTemplate());
    pathValues.forEach(raw::pathValue);
    JsonNode json =
        encryptedJson(body, PemKeys.publicKey(PemSource.text(fake.wechatPayPublicKeyPem())));
    WechatPayApiException error =
        assertThrows(WechatPayApiException.class, () -> client.rawRequest(raw.body(json).build()));
    assertEquals(400, error.status());
    assertEquals("PARAM_ERROR", error.code());
    assertEquals(pointer, error.detail().orElseThrow().field());
    assertEquals("body", error.detail().orElseThrow().location());
    return error;
  }

  /** The body as the runtime writes it: fields marked encrypted as RSA-OAEP ciphertext. */
  private static JsonNode encryptedJson(Object body, PublicKey wechatPayKey) {
    ObjectMapper mapper = WechatPayJson.newObjectMapper();
    try {
      return mapper.readTree(
          WechatPayJson.encryptingWriter(mapper, value -> RsaOaep.encrypt(wechatPayKey, value))
              .writeValueAsBytes(body));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
