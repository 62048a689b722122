package io.github.membercard.wechatpay;

import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import com.github.tomakehurst.wiremock.WireMockServer;
import io.github.membercard.wechatpay.internal.crypto.RsaOaep;
import io.github.membercard.wechatpay.testing.MemberApi;
import io.github.membercard.wechatpay.testing.TestKeys;
import io.github.membercard.wechatpay.testing.WechatPaySide;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.PrivateKey;
import java.security.Signature;
import java.util.Base64;
import java.util.concurrent.atomic.AtomicInteger;
import javax.crypto.Cipher;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A merchant key the runtime never holds: a user's {@code Signer} and decryptor, as over an HSM or
 * a KMS.
 */
class ExternalKeyTest {

  private static final KeyPair MERCHANT = TestKeys.rsa();
  private static final WechatPaySide WECHATPAY = WechatPaySide.withPublicKey();
  private static WireMockServer server;

  /**
   * Stands in for a key service: the private key stays inside it, and it counts what it is asked.
   */
  private static final class KeyService {
    private final PrivateKey key;
    final AtomicInteger signatures = new AtomicInteger();
    final AtomicInteger decryptions = new AtomicInteger();

    KeyService(PrivateKey key) {
      this.key = key;
    }

    String sign(byte[] message) {
      signatures.incrementAndGet();
      try {
        Signature signature = Signature.getInstance("SHA256withRSA");
        signature.initSign(key);
        signature.update(message);
        return Base64.getEncoder().encodeToString(signature.sign());
      } catch (GeneralSecurityException e) {
        throw new IllegalStateException(e);
      }
    }

    String decrypt(String ciphertext) {
      decryptions.incrementAndGet();
      try {
        Cipher cipher = Cipher.getInstance("RSA/ECB/OAEPWithSHA-1AndMGF1Padding");
        cipher.init(Cipher.DECRYPT_MODE, key);
        return new String(
            cipher.doFinal(Base64.getDecoder().decode(ciphertext)),
            java.nio.charset.StandardCharsets.UTF_8);
      } catch (GeneralSecurityException e) {
        throw new IllegalStateException(e);
      }
    }
  }

  @BeforeAll
  static void start() {
    server = new WireMockServer(options().dynamicPort().bindAddress("127.0.0.1"));
    server.start();
  }

  @AfterAll
  static void stop() {
    server.stop();
  }

  @Test
  void aUsersSignerSignsAndItsDecryptorReadsSensitiveFields() {
    KeyService keyService = new KeyService(MERCHANT.getPrivate());
    server.stubFor(
        get(anyUrl())
            .willReturn(
                WECHATPAY.signed(
                    200,
                    "{\"name\":\"Li\",\"phone_number\":\""
                        + RsaOaep.encrypt(MERCHANT.getPublic(), "13800138000")
                        + "\"}")));
    MemberApi api =
        WechatPayClient.builder()
            .credentials(
                MerchantCredentials.of(
                    "1900000001", "ABCDEF", keyService::sign, keyService::decrypt))
            .wechatPayKeys(
                WechatPayKeys.publicKey(WECHATPAY.id(), TestKeys.pemSource(WECHATPAY.publicKey())))
            .transport(TransportOptions.defaults().baseUrl(server.baseUrl()))
            .build(MemberApi.class);

    MemberApi.Member member = api.get("1");

    WechatPaySide.verifyAuthorization(
        server.getAllServeEvents().get(0).getRequest(), MERCHANT.getPublic());
    assertEquals(1, keyService.signatures.get());
    assertEquals("13800138000", member.phoneNumber);
    assertEquals(1, keyService.decryptions.get());
    assertFalse(
        String.valueOf(MerchantCredentials.of("1", "AB", keyService::sign, keyService::decrypt))
            .contains("BEGIN"));
  }
}
