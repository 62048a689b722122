package io.github.membercard.benchmarks;

import com.wechat.pay.java.core.notification.RequestParam;
import io.github.membercard.client.MemberCardNotifications;
import io.github.membercard.wechatpay.MerchantCredentials;
import io.github.membercard.wechatpay.NotificationParser;
import io.github.membercard.wechatpay.WechatPayKeys;
import io.github.membercard.wechatpay.crypto.PemSource;
import io.github.membercard.wechatpay.internal.auth.NonceGenerator;
import io.github.membercard.wechatpay.internal.auth.ResponseSigner;
import io.github.membercard.wechatpay.internal.auth.WechatPayProtocol;
import io.github.membercard.wechatpay.internal.crypto.AeadAes256Gcm;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

/**
 * A {@code BRAND_MEMBER_CARD_SP.SYNC_USER_POINT} notification, signed and encrypted as WeChat Pay
 * sends it, parsed, verified and decrypted into its model by each client's notification parser. The
 * notification is signed again every minute so it stays fresh.
 */
@State(Scope.Benchmark)
public class CallbackBenchmark {

  private static final String EVENT_TYPE = "BRAND_MEMBER_CARD_SP.SYNC_USER_POINT";
  private static final String RESOURCE =
      "{\"brand_id\":\"1004\",\"card_id\":\"pbLatjvWOibDc5-TBnbUk1pD12o0\","
          + "\"openid\":\"obLatjnx9gnqzS4myYGmLZ7LgLBA\",\"user_card_code\":\"478515832665\"}";

  @Param({MemberCardCalls.NAME, WechatPayJavaCalls.NAME})
  public String client;

  private final ScheduledExecutorService resigner = Executors.newSingleThreadScheduledExecutor();
  private volatile Delivery delivery;
  private NotificationParser ours;
  private com.wechat.pay.java.core.notification.NotificationParser theirs;

  /** One notification as it arrives: raw body and headers. */
  private record Delivery(byte[] body, Map<String, List<String>> headers) {
    String header(String name) {
      return headers.get(name).get(0);
    }
  }

  @Setup(Level.Trial)
  public void start() {
    Fixture fixture = Fixture.shared();
    ResponseSigner signer =
        new ResponseSigner(fixture.wechatPayKey(), Fixture.PUBLIC_KEY_ID, new NonceGenerator());
    byte[] body = envelope().getBytes(StandardCharsets.UTF_8);
    delivery = sign(signer, body);
    resigner.scheduleAtFixedRate(() -> delivery = sign(signer, body), 60, 60, TimeUnit.SECONDS);
    ours =
        MemberCardNotifications.parserBuilder()
            .credentials(
                MerchantCredentials.of(
                        Fixture.MERCHANT_ID,
                        Fixture.MERCHANT_SERIAL,
                        PemSource.text(fixture.merchantPrivatePem()))
                    .apiV3Key(Fixture.API_V3_KEY))
            .wechatPayKeys(
                WechatPayKeys.publicKey(
                    Fixture.PUBLIC_KEY_ID, PemSource.text(fixture.wechatPayPublicPem())))
            .build();
    theirs =
        new com.wechat.pay.java.core.notification.NotificationParser(
            WechatPayJavaCalls.config(fixture));
    // Our models mask personal data in toString, so ours is checked through its plaintext.
    boolean decrypted =
        client.equals(MemberCardCalls.NAME)
            ? ours.parse(delivery.body(), delivery.headers()).resourceJson().contains(Shape.CODE)
            : parse().toString().contains(Shape.CODE);
    if (!decrypted) {
      throw new IllegalStateException("the notification did not decrypt for " + client);
    }
  }

  @TearDown(Level.Trial)
  public void stop() {
    resigner.shutdownNow();
  }

  @Benchmark
  public Object parse() {
    Delivery current = delivery;
    if (client.equals(MemberCardCalls.NAME)) {
      return ours.parse(current.body(), current.headers()).resource();
    }
    return theirs.parse(
        new RequestParam.Builder()
            .serialNumber(current.header(WechatPayProtocol.WECHATPAY_SERIAL))
            .nonce(current.header(WechatPayProtocol.WECHATPAY_NONCE))
            .signature(current.header(WechatPayProtocol.WECHATPAY_SIGNATURE))
            .timestamp(current.header(WechatPayProtocol.WECHATPAY_TIMESTAMP))
            .signType(current.header(WechatPayProtocol.WECHATPAY_SIGNATURE_TYPE))
            .body(new String(current.body(), StandardCharsets.UTF_8))
            .build(),
        SyncUserPoint.class);
  }

  private static Delivery sign(ResponseSigner signer, byte[] body) {
    Map<String, List<String>> headers = new LinkedHashMap<>();
    signer.headers(body, Instant.now()).forEach((name, value) -> headers.put(name, List.of(value)));
    headers.put(WechatPayProtocol.WECHATPAY_SIGNATURE_TYPE, List.of(WechatPayProtocol.SCHEME));
    headers.put(WechatPayProtocol.REQUEST_ID, List.of("08F78BB5AF0610D5E0E5A31F2AD7C2B1"));
    return new Delivery(body, Map.copyOf(headers));
  }

  private static String envelope() {
    String nonce = "fdasflkja484";
    String associatedData = "card_member";
    String ciphertext =
        new AeadAes256Gcm(Fixture.API_V3_KEY).encrypt(nonce, associatedData, RESOURCE);
    return "{\"id\":\"EV-2018022511223320873\",\"create_time\":\"2015-05-20T13:29:35+08:00\","
        + "\"resource_type\":\"encrypt-resource\",\"event_type\":\""
        + EVENT_TYPE
        + "\",\"summary\":\"请求同步用户积分\",\"resource\":{\"original_type\":\"card_member\","
        + "\"algorithm\":\"AEAD_AES_256_GCM\",\"ciphertext\":\""
        + ciphertext
        + "\",\"associated_data\":\""
        + associatedData
        + "\",\"nonce\":\""
        + nonce
        + "\"}}";
  }

  /** The resource as a wechatpay-java user would declare it. */
  static final class SyncUserPoint {
    String brandId;
    String cardId;
    String openid;
    String userCardCode;

    @Override
    public String toString() {
      return userCardCode;
    }
  }
}
