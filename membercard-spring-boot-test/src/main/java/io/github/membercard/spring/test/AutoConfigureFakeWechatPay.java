package io.github.membercard.spring.test;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.springframework.boot.autoconfigure.ImportAutoConfiguration;

/**
 * Points a {@code @SpringBootTest}'s member-card beans at an embedded {@code FakeWechatPay}: the
 * fake starts with the context (a port of its own) and stops with it, the {@code WechatPayClient}
 * and every API bean call it as its throwaway merchant (with the application's timeout, retry and
 * rate-limit properties), and {@link FakeWechatPayWebhook} delivers its signed notifications to the
 * application's webhook. The merchant and key properties are not needed in the test.
 *
 * <p>The fake remembers what the application writes ({@code wechatPay.state("brandUserCard")}) and
 * plays its members ({@code wechatPay.members().pickUpCard(openid, cardId)}): their notifications
 * go to the notify URL the application set through the API, else to its own webhook, and are
 * redelivered on WeChat Pay's schedule, which {@code membercard.fake.redelivery-time-scale=0.001}
 * compresses; {@code membercard.fake.strict-state=true} makes ids never written unknown, as in the
 * standalone sandbox (see docs/sandbox.md).
 *
 * <pre>{@code
 * @SpringBootTest(webEnvironment = RANDOM_PORT, properties = "membercard.wechatpay.webhook.enabled=true")
 * @AutoConfigureFakeWechatPay
 * class PointsServiceTest {
 *   @Autowired PointsService points;        // your service, calling BrandPointsApi
 *   @Autowired FakeWechatPay wechatPay;     // what it received: wechatPay.requests("syncUserPoints")
 *   @Autowired FakeWechatPayWebhook webhook;
 * }
 * }</pre>
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Documented
@Inherited
@ImportAutoConfiguration
public @interface AutoConfigureFakeWechatPay {}
