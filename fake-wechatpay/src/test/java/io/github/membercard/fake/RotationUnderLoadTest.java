package io.github.membercard.fake;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.github.membercard.wechatpay.WechatPayClient;
import io.github.membercard.wechatpay.WechatPayKeys;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * Platform certificates changing under load: {@code rotation.threads} threads (default 8) call
 * through one client without pause (a bounded number of calls, {@code rotation.callsPerPhase} per
 * phase, default 150) while the fake rotates its certificate, expires and retires the first one,
 * and takes its certificate endpoint down (a reset, then 500) while the new certificate stays
 * valid, then brings it back. No call may fail, and the client must end up verifying responses
 * signed with the new certificate and encrypting under it.
 *
 * <p>The client's certificate refresh interval is 90 s and it downloads for an unknown serial at
 * most once a minute, both on its own clock, which the test moves forward instead of sleeping. The
 * fake checks request timestamps on the system clock and the client checks answers' on its own,
 * both to WeChat Pay's five minutes, so the client's clock starts four minutes behind and ends four
 * minutes ahead: the 8 minutes it is moved forward in all.
 */
class RotationUnderLoadTest {

  private static final int THREADS = Integer.getInteger("rotation.threads", 8);
  private static final int CALLS_PER_PHASE = Integer.getInteger("rotation.callsPerPhase", 150);
  private static final int PHASES = 7;

  /** A bound on the whole load: it is stopped once the last phase has run its calls. */
  private static final int MAX_CALLS = 4 * PHASES * CALLS_PER_PHASE;

  private static final Duration REFRESH_INTERVAL = Duration.ofSeconds(90);
  private static final Duration UNKNOWN_SERIAL_GAP = Duration.ofMinutes(1);
  private static final Duration FIRST_RETRY_DELAY = Duration.ofMinutes(1);
  private static final Duration WAIT = Duration.ofSeconds(60);

  @Test
  void callsKeepSucceedingWhileTheCertificateRotatesExpiresRetiresAndItsEndpointFails()
      throws Exception {
    try (FakeWechatPay fake =
        FakeWechatPay.builder().keyMode(KeyMode.PLATFORM_CERTIFICATES).start()) {
      MovableClock clock = new MovableClock();
      clock.advance(Duration.ofMinutes(-4)); // four minutes behind: see the class comment
      WechatPayClient client =
          fake.clientBuilder()
              .wechatPayKeys(
                  WechatPayKeys.platformCertificates().certificateRefreshInterval(REFRESH_INTERVAL))
              .clock(clock)
              .build();
      Downloads downloads = new Downloads(fake);
      assertEquals(1, downloads.count(), "the client downloads the certificates when built");
      String first = fake.signingKeyId();
      String second;

      try (MemberCardLoad load =
          MemberCardLoad.start(client, "rotation-load", THREADS, MAX_CALLS)) {
        load.phase("first certificate only");
        phase(load);

        // A minute after the last download an unknown serial may be downloaded at once; the
        // scheduled refresh is 30 s further off, so nothing downloads before the rotation does.
        // The first response naming the new serial makes its caller download; answers naming it
        // while that download runs, on the other callers' threads, must not fail either.
        load.phase("rotation");
        clock.advance(UNKNOWN_SERIAL_GAP);
        int before = downloads.count();
        second = fake.rotateCertificate();
        downloads.awaitMoreThan(before, load, "the first response naming the new serial");
        assertEquals(List.of(first, second), fake.certificateSerials());
        assertEquals(second, fake.signingKeyId());
        phase(load);

        load.phase("first expired");
        fake.expireCertificate(first);
        before = downloads.count();
        clock.advance(REFRESH_INTERVAL);
        downloads.awaitMoreThan(before, load, "the scheduled refresh listing the first expired");
        phase(load);

        load.phase("first retired");
        fake.retireCertificate(first);
        before = downloads.count();
        clock.advance(REFRESH_INTERVAL);
        downloads.awaitMoreThan(before, load, "the scheduled refresh listing the second alone");
        assertEquals(List.of(second), fake.certificateSerials());
        phase(load);

        load.phase("certificate endpoint resets");
        fake.inject(FakeWechatPay.DOWNLOAD_CERTIFICATES, ResponseFault.CONNECTION_RESET);
        before = downloads.count();
        clock.advance(REFRESH_INTERVAL);
        downloads.awaitMoreThan(before, load, "the scheduled refresh, reset");
        phase(load);

        load.phase("certificate endpoint answers 500");
        fake.restore(FakeWechatPay.DOWNLOAD_CERTIFICATES);
        fake.respondWithError(FakeWechatPay.DOWNLOAD_CERTIFICATES, 500, "SYSTEM_ERROR", "系统错误");
        before = downloads.count();
        clock.advance(FIRST_RETRY_DELAY);
        downloads.awaitMoreThan(before, load, "the retry a minute after the failed refresh, 500");
        phase(load);

        // The next retry is twice as far off, capped at the refresh interval.
        load.phase("certificate endpoint restored");
        fake.restore(FakeWechatPay.DOWNLOAD_CERTIFICATES);
        before = downloads.count();
        clock.advance(REFRESH_INTERVAL);
        downloads.awaitMoreThan(before, load, "the second retry, answered");
        phase(load);
        load.stop();
        load.awaitFinished(WAIT);

        List<ReceivedRequest> received = fake.requests();
        List<ReceivedRequest> confirms =
            received.stream().filter(r -> r.operationId().equals("confirmUserCard")).toList();
        int completed = load.completed();
        assertAll(
            () ->
                assertEquals(
                    completed,
                    received.stream()
                        .filter(r -> !r.operationId().equals(FakeWechatPay.DOWNLOAD_CERTIFICATES))
                        .count(),
                    "every call reached the fake exactly once"),
            () -> assertEquals(second, fake.signingKeyId(), "the last phase's answers signed so"),
            () ->
                confirms
                    .subList(confirms.size() - CALLS_PER_PHASE / 8, confirms.size())
                    .forEach(
                        confirm ->
                            assertEquals(
                                second,
                                confirm.wechatpaySerial(),
                                "the phone number encrypted under the new certificate")),
            () -> assertEquals(0, load.failed(), load::failureReport));
      }
    }
  }

  /**
   * Lets the load run {@link #CALLS_PER_PHASE} more calls. Failed calls are counted by phase and
   * asserted at the end, so that one phase's failures do not hide the next one's.
   */
  private static void phase(MemberCardLoad load) throws InterruptedException {
    load.awaitCompleted(load.completed() + CALLS_PER_PHASE, WAIT);
  }

  /**
   * Counts the fake's certificate downloads through WireMock's admin API, which is cheap: {@link
   * FakeWechatPay#requests} decrypts every request it lists.
   */
  private static final class Downloads {

    private static final Pattern COUNT = Pattern.compile("\"count\"\\s*:\\s*(\\d+)");
    private final HttpClient http = HttpClient.newHttpClient();
    private final HttpRequest count;

    Downloads(FakeWechatPay fake) {
      this.count =
          HttpRequest.newBuilder(URI.create(fake.baseUrl() + "/__admin/requests/count"))
              .POST(
                  HttpRequest.BodyPublishers.ofString(
                      "{\"method\":\"GET\",\"urlPath\":\"/v3/certificates\"}"))
              .build();
    }

    int count() throws IOException, InterruptedException {
      HttpResponse<String> answer = http.send(count, HttpResponse.BodyHandlers.ofString());
      Matcher matcher = COUNT.matcher(answer.body());
      if (answer.statusCode() != 200 || !matcher.find()) {
        throw new AssertionError("WireMock's request count: " + answer.body());
      }
      return Integer.parseInt(matcher.group(1));
    }

    /** Waits, while the load runs, for a download after the {@code before} ones. */
    void awaitMoreThan(int before, MemberCardLoad load, String which)
        throws IOException, InterruptedException {
      long deadline = System.nanoTime() + WAIT.toNanos();
      while (count() <= before) {
        if (System.nanoTime() > deadline) {
          throw new AssertionError(
              "No download within " + WAIT + ": " + which + "; " + load.failureReport());
        }
        Thread.sleep(20);
      }
    }
  }
}
