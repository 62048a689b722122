package io.github.membercard.spring.webhook;

import io.github.membercard.client.MemberCardNotifications;
import io.github.membercard.spring.InvalidMemberCardPropertyException;
import io.github.membercard.spring.MemberCardAutoConfiguration;
import io.github.membercard.spring.MemberCardProperties;
import io.github.membercard.wechatpay.NotificationParser;
import io.github.membercard.wechatpay.WechatPayClient;
import io.github.membercard.wechatpay.WechatPayConfigurationException;
import io.github.membercard.wechatpay.WechatPayException;
import io.micrometer.observation.ObservationRegistry;
import jakarta.servlet.http.HttpServlet;
import java.time.Duration;
import java.util.function.Supplier;
import org.springframework.beans.BeansException;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.web.servlet.ServletRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Lazy;
import org.springframework.core.env.Environment;
import org.springframework.util.unit.DataSize;

/**
 * The opt-in notify URL: with {@code membercard.wechatpay.webhook.enabled=true} in a servlet web
 * application, {@code POST membercard.wechatpay.webhook.path} (default {@code /wechatpay/notify})
 * is a servlet of its own, outside Spring MVC, that reads each body within {@code
 * webhook.max-body-size} and {@code webhook.body-timeout}, verifies the notification and hands it
 * to the application's {@link MemberCardNotificationListener}.
 */
@AutoConfiguration(after = MemberCardAutoConfiguration.class)
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
@ConditionalOnClass({HttpServlet.class, WechatPayClient.class})
@ConditionalOnBooleanProperty(name = MemberCardAutoConfiguration.ENABLED, matchIfMissing = true)
@ConditionalOnBooleanProperty(MemberCardWebhookAutoConfiguration.ENABLED)
public class MemberCardWebhookAutoConfiguration {

  static final String ENABLED = MemberCardProperties.PREFIX + ".webhook.enabled";
  private static final String PATH = MemberCardProperties.PREFIX + ".webhook.path";
  private static final String MAX_BODY_SIZE =
      MemberCardProperties.PREFIX + ".webhook.max-body-size";
  private static final String BODY_TIMEOUT = MemberCardProperties.PREFIX + ".webhook.body-timeout";

  /** Creates the auto-configuration; Spring Boot instantiates it. */
  public MemberCardWebhookAutoConfiguration() {}

  /**
   * Returns the parser that verifies, decrypts and types notifications for the client's merchant;
   * made when the first notification arrives, so that a client still to download its platform
   * certificates is not built at start-up.
   *
   * @param client the client, built with the APIv3 key
   * @return the parser
   * @throws WechatPayConfigurationException if the client has no APIv3 key
   */
  @Bean
  @Lazy
  @ConditionalOnMissingBean
  public NotificationParser memberCardNotificationParser(WechatPayClient client) {
    return MemberCardNotifications.parser(client);
  }

  /**
   * Returns the notify URL's servlet.
   *
   * @param parser the parser, asked for when the first notification arrives
   * @param listeners the application's listener; exactly one is needed
   * @param properties the bound properties, for the body's limit and deadline
   * @param environment the environment, to quote a bad value as it was written
   * @param observations the application's observation registry, if it has one
   * @return the servlet
   * @throws InvalidMemberCardPropertyException if the application defines no listener, or a limit
   *     is out of range
   */
  @Bean
  @ConditionalOnMissingBean
  public NotificationWebhook memberCardNotificationWebhook(
      ObjectProvider<NotificationParser> parser,
      ObjectProvider<MemberCardNotificationListener> listeners,
      MemberCardProperties properties,
      Environment environment,
      ObjectProvider<ObservationRegistry> observations) {
    MemberCardNotificationListener listener = listeners.getIfUnique();
    if (listener == null) {
      throw new InvalidMemberCardPropertyException(
          ENABLED,
          "the webhook is on, but the application defines no single"
              + " MemberCardNotificationListener bean to hand notifications to",
          "Define one bean implementing "
              + MemberCardNotificationListener.class.getName()
              + ", or set "
              + ENABLED
              + "=false");
    }
    Supplier<NotificationParser> parsers = parser::getObject;
    if (properties.getKeyMode() == MemberCardProperties.KeyMode.PUBLIC_KEY) {
      // Nothing to download: made now, so that a missing APIv3 key fails start-up.
      NotificationParser ready = parserNow(parser);
      parsers = () -> ready;
    }
    MemberCardProperties.Webhook webhook = properties.getWebhook();
    return new NotificationWebhook(
        parsers,
        listener,
        maxBodyBytes(webhook.getMaxBodySize(), environment),
        bodyTimeout(webhook.getBodyTimeout(), environment),
        observations.getIfAvailable(() -> ObservationRegistry.NOOP));
  }

  /**
   * Maps the servlet to {@code membercard.wechatpay.webhook.path}, with the asynchronous support
   * its reading needs.
   *
   * @param properties the bound properties, for the path
   * @param webhook the servlet
   * @return the registration
   * @throws InvalidMemberCardPropertyException if the path is not one
   */
  @Bean
  public ServletRegistrationBean<NotificationWebhook> memberCardWebhookRegistration(
      MemberCardProperties properties, NotificationWebhook webhook) {
    String path = properties.getWebhook().getPath();
    if (path == null || !path.startsWith("/") || path.contains("*") || path.length() < 2) {
      throw new InvalidMemberCardPropertyException(
          PATH,
          "is " + (path == null ? "not set" : "'" + path + "', not an exact path"),
          "Set it to the path the notify URL ends with, such as /wechatpay/notify");
    }
    ServletRegistrationBean<NotificationWebhook> registration =
        new ServletRegistrationBean<>(webhook, path);
    registration.setName("memberCardNotificationWebhook");
    registration.setAsyncSupported(true);
    return registration;
  }

  private static NotificationParser parserNow(ObjectProvider<NotificationParser> parser) {
    try {
      return parser.getObject();
    } catch (BeansException e) {
      if (WechatPayException.causeOf(e).orElse(null)
          instanceof WechatPayConfigurationException missingKey) {
        throw new InvalidMemberCardPropertyException(
            MemberCardProperties.PREFIX + ".api-v3-key",
            "is not set, and the webhook decrypts notifications with it",
            "Set it to the APIv3 key (APIv3密钥) set in the merchant platform, or set "
                + ENABLED
                + "=false",
            missingKey);
      }
      throw e;
    }
  }

  private static int maxBodyBytes(DataSize size, Environment environment) {
    long max = NotificationParser.DEFAULT_MAX_BODY_BYTES;
    if (size == null || size.toBytes() < 1 || size.toBytes() > max) {
      throw new InvalidMemberCardPropertyException(
          MAX_BODY_SIZE,
          "is "
              + environment.getProperty(MAX_BODY_SIZE, String.valueOf(size))
              + ", outside 1B to 1MB",
          "Set a size from 1KB to 1MB, such as 64KB (WeChat Pay's notifications are a few KB)");
    }
    return (int) size.toBytes();
  }

  private static Duration bodyTimeout(Duration timeout, Environment environment) {
    if (timeout == null || timeout.isZero() || timeout.isNegative()) {
      throw new InvalidMemberCardPropertyException(
          BODY_TIMEOUT,
          "is " + environment.getProperty(BODY_TIMEOUT, String.valueOf(timeout)) + ", not positive",
          "Set a positive duration, such as 10s");
    }
    return timeout;
  }
}
