package io.github.membercard.wechatpay.internal.auth;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.github.membercard.wechatpay.WechatPayConfigurationException;
import io.github.membercard.wechatpay.crypto.PemSource;
import io.github.membercard.wechatpay.internal.crypto.PemKeys;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Expected signatures were computed by OpenSSL ({@code openssl dgst -sha256 -sign}) over the same
 * message.
 */
class CredentialTest {

  private static final String NONCE = "593BEC0C930BF1AFEB40B4A08C8FB242";
  private static final Clock FIXED = Clock.fixed(Instant.ofEpochSecond(1554208460), ZoneOffset.UTC);

  private final Credential credential =
      new Credential(
          "1900000001",
          "5157F09EFDC096DE15EBE81A47057A72",
          new PrivateKeySigner(
              PemKeys.privateKey(PemSource.classpath("keys/merchant_key_pkcs8.pem"))),
          FIXED,
          () -> NONCE);

  @ParameterizedTest
  @ValueSource(strings = {"abc\"def", "abc,signature=x", "", "nonce with spaces"})
  void aNonceThatWouldBreakTheHeaderIsRefused(String nonce) {
    Credential badNonces =
        new Credential("1900000001", "5157F09E", message -> "c2lnbmF0dXJl", FIXED, () -> nonce);
    WechatPayConfigurationException error =
        assertThrows(
            WechatPayConfigurationException.class,
            () -> badNonces.authorization("GET", "/v3/x", new byte[0]));
    assertEquals(
        "nonceGenerator returned a value the Authorization header cannot carry: a nonce is"
            + " letters, digits, '-' and '_'",
        error.getMessage());
  }

  @Test
  void aSignatureThatWouldBreakTheHeaderIsRefusedWithoutEchoingIt() {
    Credential badSigner =
        new Credential("1900000001", "5157F09E", message -> "c2ln\",mchid=\"1", FIXED, () -> NONCE);
    WechatPayConfigurationException error =
        assertThrows(
            WechatPayConfigurationException.class,
            () -> badSigner.authorization("GET", "/v3/x", new byte[0]));
    assertEquals(
        "signer returned a value the Authorization header cannot carry: a signature is Base64",
        error.getMessage());
  }

  @Test
  void signsAPostOverMethodUrlTimestampNonceAndBody() {
    String authorization =
        credential.authorization(
            "POST",
            "/v3/brand/partner/card-member/user-points/sync",
            "{\"point_balance\":1000}".getBytes(StandardCharsets.UTF_8));

    assertEquals(
        "WECHATPAY2-SHA256-RSA2048 mchid=\"1900000001\",nonce_str=\""
            + NONCE
            + "\",timestamp=\"1554208460\",serial_no=\"5157F09EFDC096DE15EBE81A47057A72\",signature=\"cs/j7GcF0R7SnAAO+WZVGXxkDcQ6QU0KoTGb80QT+5/SNC/qbC2LqwJb1zVsWEcU1KKN4qF3yDtvXWlCjKjI7enG8IlrxPqNi/zh2cDBO3Bc2snjkw2jJLNIlmX1J7ajdy+w8v+LP6qFgjSVVut3FY/84byvYCUgG5VHerIQt00bH6z1AXCNV66NOzGyAW2WStKT086DXI0DB3Tc3J1HzJOBr+0XiCLZxNgxfB5k/8yM8wU8H8sBHX15DE8gXgZ5c2PCpnLU9J05EwS4wEm5c8dLLP6edZECIpsgEYsY0IDzslWGmM8/uHNc63i6q1MIJlJdQ3qJDqTV265SP9PgEQ==\"",
        authorization);
  }

  @Test
  void signsABodilessGetWithAnEmptyBodyLine() {
    String authorization =
        credential.authorization(
            "get",
            "/v3/marketing/membercard-open/cards/pbLatjvWOibDc5-TBnbUk1pD12o0/codes/478515832665",
            new byte[0]);

    assertEquals(
        "grfk+90xUJkrLuIntf65uQO9Z8uUZ8hwlce5ALmpQLnyKKmaplZHyPm26h22kFpemOoz91Bjr1z+mqkqDPjCaphaBZlHaxw3s5lL8MokrHPJKnS+gKCGBLS9B91Ioodvqyf3N8EFhxh++7R7xvO7MF9tq+j2/Y4zFoaAeRa9Sp04yocsoagdEahx5vn2X2Sx0svut0l9FakIX3aoCrQHAkteEJzv+L7Z1Y2yejTRe9WrQMIeMIXt+mtc+Rh8wB4vL985eLjS43y8wL4izD78R4ffy/J925F30TEUGzGciPeK38cuFZJixRTjdlt7wRFrgjgAT4VaZ8QzTyFl9qoJcw==",
        signatureOf(authorization));
  }

  @Test
  void aPkcs1KeySignsLikeItsPkcs8Twin() {
    Credential pkcs1 =
        new Credential(
            "1900000001",
            "5157F09EFDC096DE15EBE81A47057A72",
            new PrivateKeySigner(
                PemKeys.privateKey(PemSource.classpath("keys/merchant_key_pkcs1.pem"))),
            FIXED,
            () -> NONCE);

    assertEquals(
        "grfk+90xUJkrLuIntf65uQO9Z8uUZ8hwlce5ALmpQLnyKKmaplZHyPm26h22kFpemOoz91Bjr1z+mqkqDPjCaphaBZlHaxw3s5lL8MokrHPJKnS+gKCGBLS9B91Ioodvqyf3N8EFhxh++7R7xvO7MF9tq+j2/Y4zFoaAeRa9Sp04yocsoagdEahx5vn2X2Sx0svut0l9FakIX3aoCrQHAkteEJzv+L7Z1Y2yejTRe9WrQMIeMIXt+mtc+Rh8wB4vL985eLjS43y8wL4izD78R4ffy/J925F30TEUGzGciPeK38cuFZJixRTjdlt7wRFrgjgAT4VaZ8QzTyFl9qoJcw==",
        signatureOf(
            pkcs1.authorization(
                "GET",
                "/v3/marketing/membercard-open/cards/pbLatjvWOibDc5-TBnbUk1pD12o0/codes/478515832665",
                new byte[0])));
  }

  private static String signatureOf(String authorization) {
    int start = authorization.indexOf("signature=\"") + "signature=\"".length();
    return authorization.substring(start, authorization.indexOf('"', start));
  }
}
