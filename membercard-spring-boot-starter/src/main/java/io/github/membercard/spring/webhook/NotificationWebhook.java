package io.github.membercard.spring.webhook;

import io.github.membercard.wechatpay.Acknowledgement;
import io.github.membercard.wechatpay.Notification;
import io.github.membercard.wechatpay.NotificationParser;
import io.github.membercard.wechatpay.WechatPayException;
import io.micrometer.observation.ObservationRegistry;
import jakarta.servlet.AsyncContext;
import jakarta.servlet.ReadListener;
import jakarta.servlet.ServletInputStream;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.time.Duration;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

/**
 * The notify URL: a servlet that reads each notification without trusting it, verifies it with the
 * {@link NotificationParser}, hands it to the {@link MemberCardNotificationListener} and responses
 * with the runtime's {@link Acknowledgement}.
 *
 * <p>Nothing about the request is trusted before its signature is verified, so each check that
 * costs the sender nothing comes before any byte of the body is read: a request without the {@code
 * Wechatpay-*} headers is refused with 400, and one whose {@code Content-Length} is over the limit
 * with 413. The body is then read without blocking a thread (a slow sender holds no worker), never
 * past the limit plus one byte (a chunked or lying body is answered 413 there), and only until the
 * body deadline, after which it is answered 408. The {@code Content-Type} is not read: the parser
 * takes the raw bytes. A notification that fails verification or decryption gets 400 and is never
 * handed over; one the listener throws on gets 500, so WeChat Pay delivers it again.
 */
public class NotificationWebhook extends HttpServlet {

  private static final long serialVersionUID = 1L;

  private static final Log log = LogFactory.getLog(NotificationWebhook.class);

  // One daemon thread for every webhook: it only responses bodies that outlast their deadline.
  private static final ScheduledExecutorService DEADLINES =
      Executors.newSingleThreadScheduledExecutor(
          task -> {
            Thread thread = new Thread(task, "membercard-webhook-deadline");
            thread.setDaemon(true);
            return thread;
          });

  private final transient Supplier<NotificationParser> parser;
  private final transient MemberCardNotificationListener listener;
  private final int maxBodyBytes;
  private final Duration bodyTimeout;
  private final transient NotificationObservations observations;

  /**
   * Creates the webhook.
   *
   * @param parser supplies the parser that verifies, decrypts and types each notification; asked
   *     once a body has arrived, so that a client still downloading platform certificates is built
   *     only then
   * @param listener the application's handler
   * @param maxBodyBytes the largest body read, at most the parser's own limit
   * @param bodyTimeout how long the whole body may take to arrive, from the request's start
   * @param observations the registry each notification's observation is recorded in
   */
  public NotificationWebhook(
      Supplier<NotificationParser> parser,
      MemberCardNotificationListener listener,
      int maxBodyBytes,
      Duration bodyTimeout,
      ObservationRegistry observations) {
    this.parser = Objects.requireNonNull(parser, "parser");
    this.listener = Objects.requireNonNull(listener, "listener");
    if (maxBodyBytes < 1 || maxBodyBytes > NotificationParser.DEFAULT_MAX_BODY_BYTES) {
      throw new IllegalArgumentException(
          "maxBodyBytes must be from 1 to "
              + NotificationParser.DEFAULT_MAX_BODY_BYTES
              + ", not "
              + maxBodyBytes);
    }
    this.maxBodyBytes = maxBodyBytes;
    this.bodyTimeout = Objects.requireNonNull(bodyTimeout, "bodyTimeout");
    if (bodyTimeout.isZero() || bodyTimeout.isNegative()) {
      throw new IllegalArgumentException("bodyTimeout must be positive, not " + bodyTimeout);
    }
    this.observations = new NotificationObservations(observations);
  }

  @Override
  protected void doPost(HttpServletRequest request, HttpServletResponse response)
      throws IOException {
    NotificationObservations.Exchange exchange = observations.start();
    String missing = missingSignatureHeader(request);
    if (missing != null) {
      log.debug("Refused a request to the notify URL without " + missing);
      refuse(response, 400, "not a signed notification: " + missing + " is missing");
      exchange.refused(NotificationObservations.Outcome.UNSIGNED);
      return;
    }
    if (request.getContentLengthLong() > maxBodyBytes) {
      log.debug("Refused a notification whose Content-Length is over " + maxBodyBytes);
      refuse(response, 413, "larger than " + maxBodyBytes + " bytes");
      exchange.refused(NotificationObservations.Outcome.TOO_LARGE);
      return;
    }
    AsyncContext async = request.startAsync();
    async.setTimeout(0); // the body deadline below answers; the listener's work is not bounded
    // The request and response as this servlet got them, so that a filter's wrapper is honoured.
    new BodyRead(async, request.getInputStream(), response, headers(request), exchange).start();
  }

  private static String missingSignatureHeader(HttpServletRequest request) {
    for (String name : NotificationParser.SIGNATURE_HEADERS) {
      String value = request.getHeader(name);
      if (value == null || value.isEmpty()) {
        return name;
      }
    }
    return null;
  }

  private static Map<String, List<String>> headers(HttpServletRequest request) {
    Map<String, List<String>> headers = new LinkedHashMap<>();
    for (String name : Collections.list(request.getHeaderNames())) {
      headers.put(name, Collections.list(request.getHeaders(name)));
    }
    return headers;
  }

  /** Answers a request refused before its body was read, closing the connection after it. */
  private static void refuse(HttpServletResponse response, int status, String message)
      throws IOException {
    response.setHeader("Connection", "close");
    write(response, Acknowledgement.failure(status, message));
  }

  private static void write(HttpServletResponse response, Acknowledgement answer)
      throws IOException {
    byte[] body = answer.bodyBytes();
    response.setStatus(answer.status());
    response.setContentType(Acknowledgement.CONTENT_TYPE);
    response.setContentLength(body.length);
    response.getOutputStream().write(body);
  }

  /** Verifies the notification, hands it over and says how to answer. */
  private Acknowledgement handle(
      byte[] body, Map<String, List<String>> headers, NotificationObservations.Exchange exchange) {
    NotificationParser verifier;
    try {
      verifier = parser.get();
    } catch (RuntimeException e) {
      // Such as platform certificates not downloaded yet: WeChat Pay delivers it again later.
      log.warn("Cannot verify notifications yet; answered 500: " + e.getMessage());
      exchange.refused(NotificationObservations.Outcome.NOT_READY);
      return Acknowledgement.failure("try again later");
    }
    Notification notification;
    try {
      notification = verifier.parse(body, headers);
    } catch (WechatPayException e) {
      log.warn("Rejected a notification that failed verification: " + e.getMessage());
      exchange.refused(NotificationObservations.Outcome.INVALID);
      return Acknowledgement.failure(400, "invalid notification");
    }
    try {
      listener.onNotification(notification);
    } catch (Exception e) {
      log.error(
          "The listener failed on notification "
              + notification.id()
              + " ("
              + notification.eventType()
              + "); answered 500 so that WeChat Pay delivers it again",
          e);
      exchange.handled(notification.eventType(), NotificationObservations.Outcome.LISTENER_FAILED);
      return Acknowledgement.failure("try again later");
    }
    exchange.handled(notification.eventType(), NotificationObservations.Outcome.ACKNOWLEDGED);
    return Acknowledgement.success();
  }

  /**
   * One body arriving: read as the container says bytes are ready, at most the limit plus one byte,
   * answered by whichever comes first of its end, its excess and its deadline. The reads and the
   * deadline hold this object's lock, so they never overlap.
   */
  private final class BodyRead implements ReadListener {

    private final AsyncContext async;
    private final ServletInputStream in;
    private final HttpServletResponse response;
    private final Map<String, List<String>> headers;
    private final NotificationObservations.Exchange exchange;
    private final ByteArrayOutputStream body = new ByteArrayOutputStream();
    private final byte[] buffer = new byte[8192];
    private ScheduledFuture<?> deadline;
    private boolean answered;

    BodyRead(
        AsyncContext async,
        ServletInputStream in,
        HttpServletResponse response,
        Map<String, List<String>> headers,
        NotificationObservations.Exchange exchange) {
      this.async = async;
      this.in = in;
      this.response = response;
      this.headers = headers;
      this.exchange = exchange;
    }

    synchronized void start() {
      deadline = DEADLINES.schedule(this::timeOut, bodyTimeout.toMillis(), TimeUnit.MILLISECONDS);
      in.setReadListener(this);
    }

    @Override
    public synchronized void onDataAvailable() throws IOException {
      while (!answered && in.isReady()) {
        int room = maxBodyBytes + 1 - body.size();
        int read = in.read(buffer, 0, Math.min(buffer.length, room));
        if (read < 0) {
          return; // onAllDataRead follows
        }
        body.write(buffer, 0, read);
        if (body.size() > maxBodyBytes) {
          log.debug("Refused a notification body longer than " + maxBodyBytes + " bytes");
          refuseLate(413, "larger than " + maxBodyBytes + " bytes");
          exchange.refused(NotificationObservations.Outcome.TOO_LARGE);
          return;
        }
      }
    }

    @Override
    public void onAllDataRead() throws IOException {
      synchronized (this) {
        if (answered) {
          return;
        }
        answered = true;
        deadline.cancel(false);
      }
      try {
        write(response, handle(body.toByteArray(), headers, exchange));
      } finally {
        async.complete();
      }
    }

    @Override
    public synchronized void onError(Throwable failure) {
      if (answered) {
        return;
      }
      answered = true;
      deadline.cancel(false);
      log.debug("A notification body could not be read: " + failure);
      exchange.refused(NotificationObservations.Outcome.BROKEN);
      async.complete();
    }

    private synchronized void timeOut() {
      if (answered) {
        return;
      }
      log.debug("Refused a notification body still arriving after " + bodyTimeout);
      try {
        refuseLate(408, "the body did not arrive within " + bodyTimeout.toMillis() + " ms");
      } catch (IOException e) {
        log.debug("The sender left before the 408: " + e);
      }
      exchange.refused(NotificationObservations.Outcome.TIMED_OUT);
    }

    /** Answers while the body is still arriving, and closes the connection. */
    private void refuseLate(int status, String message) throws IOException {
      answered = true;
      deadline.cancel(false);
      try {
        refuse(response, status, message);
      } finally {
        async.complete();
      }
    }
  }
}
