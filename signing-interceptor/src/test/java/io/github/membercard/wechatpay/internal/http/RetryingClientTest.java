package io.github.membercard.wechatpay.internal.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import feign.Client;
import feign.Request;
import io.github.membercard.wechatpay.RetryPolicy;
import io.github.membercard.wechatpay.WechatPayTransportException;
import io.github.membercard.wechatpay.WechatPayTransportException.Failure;
import io.github.membercard.wechatpay.internal.json.WechatPayJson;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** Which transport failures send a call again: only those of the call's own exchange. */
class RetryingClientTest {

  private static final Request GET =
      Request.create(
          Request.HttpMethod.GET,
          "http://127.0.0.1:1/v3/members/1",
          Map.of(),
          null,
          StandardCharsets.UTF_8,
          null);

  @Test
  void aFailureOfAnotherRequestIsNeverProofThatThisOneWasNotSent() {
    WechatPayTransportException download =
        new WechatPayTransportException(
            Failure.CONNECTION_FAILED, "GET", "/v3/certificates", false, null);
    AtomicInteger attempts = new AtomicInteger();
    Client failing =
        (request, options) -> {
          attempts.incrementAndGet();
          throw download;
        };

    WechatPayTransportException thrown =
        assertThrows(
            WechatPayTransportException.class,
            () -> retrying(failing).execute(GET, new Request.Options()));

    assertSame(download, thrown);
    assertEquals(1, attempts.get());
  }

  @Test
  void aRefusedConnectionOfThisRequestIsTriedAgain() {
    AtomicInteger attempts = new AtomicInteger();
    Client refused =
        (request, options) -> {
          attempts.incrementAndGet();
          throw new WechatPayTransportException(
              Failure.CONNECTION_FAILED, "GET", "/v3/members/1", false, null);
        };

    assertThrows(
        WechatPayTransportException.class,
        () -> retrying(refused).execute(GET, new Request.Options()));

    assertEquals(RetryPolicy.safeRetries().maxAttempts(), attempts.get());
  }

  private static RetryingClient retrying(Client attempt) {
    return new RetryingClient(attempt, RetryPolicy.safeRetries(), WechatPayJson.newObjectMapper());
  }
}
