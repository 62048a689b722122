package io.github.membercard.fake;

import com.github.tomakehurst.wiremock.extension.ResponseTransformerV2;
import com.github.tomakehurst.wiremock.http.HttpHeader;
import com.github.tomakehurst.wiremock.http.HttpHeaders;
import com.github.tomakehurst.wiremock.http.Response;
import com.github.tomakehurst.wiremock.stubbing.ServeEvent;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import java.util.function.Supplier;

/**
 * Signs every response as WeChat Pay does, under the key that signs now (the public key or the
 * newest platform certificate), unless a test asked for a signing fault or a gateway's answer.
 */
final class WechatPaySigning implements ResponseTransformerV2 {

  private final Supplier<PlatformSigner> signer;
  private final Clock clock;

  WechatPaySigning(Supplier<PlatformSigner> signer, Clock clock) {
    this.signer = signer;
    this.clock = clock;
  }

  @Override
  public String getName() {
    return "wechatpay-signing";
  }

  @Override
  public Response transform(Response response, ServeEvent event) {
    String mode = StubTags.get(event, StubTags.SIGNING);
    if (StubTags.GATEWAY.equals(mode)) {
      return response;
    }
    HttpHeaders headers =
        response
            .getHeaders()
            .plus(
                new HttpHeader(
                    WechatPayWire.REQUEST_ID,
                    "FAKE-" + UUID.randomUUID().toString().replace("-", "")));
    if (ResponseFault.UNSIGNED.name().equals(mode)) {
      return Response.Builder.like(response).but().headers(headers).build();
    }
    Duration age =
        ResponseFault.STALE_TIMESTAMP.name().equals(mode) ? Duration.ofMinutes(10) : Duration.ZERO;
    byte[] signed =
        ResponseFault.BAD_SIGNATURE.name().equals(mode)
            ? "a different body".getBytes(StandardCharsets.UTF_8)
            : response.getBody();
    Map<String, String> signature = signer.get().headers(signed, clock.instant().minus(age));
    if (ResponseFault.SIGNATURE_PROBE.name().equals(mode)) {
      signature.compute(
          WechatPayWire.WECHATPAY_SIGNATURE, (name, value) -> WechatPayWire.PROBE_PREFIX + value);
    }
    for (Map.Entry<String, String> header : signature.entrySet()) {
      headers = headers.plus(new HttpHeader(header.getKey(), header.getValue()));
    }
    return Response.Builder.like(response).but().headers(headers).build();
  }
}
