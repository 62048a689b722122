package io.github.membercard.spring.webhook;

import io.github.membercard.wechatpay.WechatPayException;
import io.github.membercard.wechatpay.notification.Acknowledgement;
import io.github.membercard.wechatpay.notification.Notification;
import io.github.membercard.wechatpay.notification.NotificationParser;
import jakarta.servlet.ServletException;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.springframework.http.MediaType;
import org.springframework.web.servlet.function.HandlerFunction;
import org.springframework.web.servlet.function.ServerRequest;
import org.springframework.web.servlet.function.ServerResponse;

/**
 * The notify URL's handler: the raw body bytes and headers go to the {@link NotificationParser}
 * untouched (nothing is parsed or re-serialised before the signature is verified), the verified
 * notification to the {@link MemberCardNotificationListener}, and the answer is the runtime's
 * {@link Acknowledgement}: 200 {@code SUCCESS} once the listener returned, 400 for a notification
 * that fails verification or decryption (never handed over), 500 when the listener threw, so WeChat
 * Pay delivers it again.
 */
public class NotificationWebhook implements HandlerFunction<ServerResponse> {

  private static final Log log = LogFactory.getLog(NotificationWebhook.class);
  private static final MediaType CONTENT_TYPE =
      MediaType.parseMediaType(Acknowledgement.CONTENT_TYPE);

  private final NotificationParser parser;
  private final MemberCardNotificationListener listener;

  /**
   * Creates the handler.
   *
   * @param parser verifies, decrypts and types each notification
   * @param listener the application's handler
   */
  public NotificationWebhook(NotificationParser parser, MemberCardNotificationListener listener) {
    this.parser = Objects.requireNonNull(parser, "parser");
    this.listener = Objects.requireNonNull(listener, "listener");
  }

  @Override
  public ServerResponse handle(ServerRequest request) throws ServletException, IOException {
    byte[] body = request.body(byte[].class);
    Map<String, List<String>> headers = new LinkedHashMap<>();
    request.headers().asHttpHeaders().forEach(headers::put);
    Acknowledgement answer = answer(body, headers);
    return ServerResponse.status(answer.status())
        .contentType(CONTENT_TYPE)
        .body(answer.bodyBytes());
  }

  private Acknowledgement answer(byte[] body, Map<String, List<String>> headers) {
    Notification notification;
    try {
      notification = parser.parse(body, headers);
    } catch (WechatPayException e) {
      log.warn("Rejected a notification that failed verification: " + e.getMessage());
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
      return Acknowledgement.failure("try again later");
    }
    return Acknowledgement.success();
  }
}
