package io.github.membercard.spring.webhook;

import io.github.membercard.client.MemberCardNotifications;
import io.github.membercard.spring.InvalidMemberCardPropertyException;
import io.github.membercard.spring.MemberCardAutoConfiguration;
import io.github.membercard.spring.MemberCardProperties;
import io.github.membercard.wechatpay.WechatPayClient;
import io.github.membercard.wechatpay.WechatPayConfigurationException;
import io.github.membercard.wechatpay.notification.NotificationParser;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.context.annotation.Bean;
import org.springframework.web.servlet.function.RouterFunction;
import org.springframework.web.servlet.function.RouterFunctions;
import org.springframework.web.servlet.function.ServerResponse;

/**
 * The opt-in notify URL: with {@code membercard.wechatpay.webhook.enabled=true} in a servlet web
 * application, {@code POST membercard.wechatpay.webhook.path} (default {@code /wechatpay/notify})
 * verifies each notification and hands it to the application's {@link
 * MemberCardNotificationListener}.
 */
@AutoConfiguration(after = MemberCardAutoConfiguration.class)
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
@ConditionalOnClass({RouterFunction.class, WechatPayClient.class})
@ConditionalOnBooleanProperty(MemberCardWebhookAutoConfiguration.ENABLED)
public class MemberCardWebhookAutoConfiguration {

  static final String ENABLED = MemberCardProperties.PREFIX + ".webhook.enabled";

  /** Creates the auto-configuration; Spring Boot instantiates it. */
  public MemberCardWebhookAutoConfiguration() {}

  /**
   * Returns the parser that verifies, decrypts and types notifications for the client's merchant.
   *
   * @param client the client, built with the APIv3 key
   * @return the parser
   * @throws InvalidMemberCardPropertyException if the client has no APIv3 key
   */
  @Bean
  @ConditionalOnMissingBean
  public NotificationParser memberCardNotificationParser(WechatPayClient client) {
    try {
      return MemberCardNotifications.parser(client);
    } catch (WechatPayConfigurationException e) {
      throw new InvalidMemberCardPropertyException(
          MemberCardProperties.PREFIX + ".api-v3-key",
          "is not set, and the webhook decrypts notifications with it",
          "Set it to the APIv3 key (APIv3密钥) set in the merchant platform, or set "
              + ENABLED
              + "=false",
          e);
    }
  }

  /**
   * Returns the handler of the notify URL.
   *
   * @param parser the parser
   * @param listeners the application's listener; exactly one is needed
   * @return the handler
   * @throws InvalidMemberCardPropertyException if the application defines no listener
   */
  @Bean
  @ConditionalOnMissingBean
  public NotificationWebhook memberCardNotificationWebhook(
      NotificationParser parser, ObjectProvider<MemberCardNotificationListener> listeners) {
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
    return new NotificationWebhook(parser, listener);
  }

  /**
   * Returns the route of {@code POST membercard.wechatpay.webhook.path} to the handler.
   *
   * @param properties the bound properties, for the path
   * @param webhook the handler
   * @return the route
   */
  @Bean
  public RouterFunction<ServerResponse> memberCardWebhookRoute(
      MemberCardProperties properties, NotificationWebhook webhook) {
    return RouterFunctions.route().POST(properties.getWebhook().getPath(), webhook).build();
  }
}
