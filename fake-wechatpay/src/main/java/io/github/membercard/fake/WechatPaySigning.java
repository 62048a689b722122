package io.github.membercard.fake;

import com.github.tomakehurst.wiremock.extension.ResponseTransformerV2;
import com.github.tomakehurst.wiremock.http.HttpHeader;
import com.github.tomakehurst.wiremock.http.Response;
import com.github.tomakehurst.wiremock.stubbing.ServeEvent;
import io.github.membercard.wechatpay.auth.SignatureMessages;
import io.github.membercard.wechatpay.auth.SignatureValidator;
import io.github.membercard.wechatpay.crypto.RsaSha256;
import java.nio.charset.StandardCharsets;
import java.security.PrivateKey;
import java.time.Clock;
import java.time.Duration;
import java.util.UUID;

/** Signs every answer as WeChat Pay does, under the platform key, unless a test asked for a signing fault. */
final class WechatPaySigning implements ResponseTransformerV2 {

  private final PrivateKey wechatPayPrivateKey;
  private final String wechatPayKeyId;
  private final Clock clock;

  WechatPaySigning(PrivateKey wechatPayPrivateKey, String wechatPayKeyId, Clock clock) {
    this.wechatPayPrivateKey = wechatPayPrivateKey;
    this.wechatPayKeyId = wechatPayKeyId;
    this.clock = clock;
  }

  @Override
  public String getName() {
    return "wechatpay-signing";
  }

  @Override
  public Response transform(Response response, ServeEvent event) {
    String mode = StubTags.get(event, StubTags.SIGNING);
    String nonce = UUID.randomUUID().toString().replace("-", "");
    HttpHeader requestId = new HttpHeader("Request-ID", "FAKE-" + nonce);
    if (Fault.UNSIGNED.name().equals(mode)) {
      return Response.Builder.like(response).but().headers(response.getHeaders().plus(requestId)).build();
    }
    Duration age = Fault.STALE_TIMESTAMP.name().equals(mode) ? Duration.ofMinutes(10) : Duration.ZERO;
    String timestamp = Long.toString(clock.instant().minus(age).getEpochSecond());
    byte[] signed = Fault.BAD_SIGNATURE.name().equals(mode)
        ? "a different body".getBytes(StandardCharsets.UTF_8)
        : response.getBody();
    String signature = RsaSha256.sign(wechatPayPrivateKey, SignatureMessages.response(timestamp, nonce, signed));
    String prefix = Fault.SIGNATURE_PROBE.name().equals(mode) ? SignatureValidator.PROBE_PREFIX : "";
    return Response.Builder.like(response).but().headers(response.getHeaders().plus(requestId,
        new HttpHeader("Wechatpay-Timestamp", timestamp),
        new HttpHeader("Wechatpay-Nonce", nonce),
        new HttpHeader("Wechatpay-Signature", prefix + signature),
        new HttpHeader("Wechatpay-Serial", wechatPayKeyId))).build();
  }
}
