package io.github.membercard.fake;

import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.PrivateKey;
import java.security.SecureRandom;
import java.security.interfaces.RSAPrivateCrtKey;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.RSAPublicKeySpec;
import java.util.HexFormat;
import java.util.Properties;

/**
 * The merchant's and WeChat Pay's keys of one fake: fresh ones, or fixed ones kept in a directory
 * so that every run with it has the same (written there the first time). The directory holds {@code
 * apiclient_key.pem} (the merchant's private key), {@code pub_key.pem} (WeChat Pay's public key),
 * {@code wechatpay_private_key.pem} (the fake's own signing key) and {@code sandbox.env}, which
 * also names the merchant serial and the APIv3 key.
 *
 * @param merchant the merchant's key pair
 * @param merchantSerialNumber its certificate serial, 40 upper-case hex digits
 * @param apiV3Key the APIv3 key
 * @param wechatPay WeChat Pay's public key pair
 */
record SandboxKeys(
    KeyPair merchant, String merchantSerialNumber, String apiV3Key, KeyPair wechatPay) {

  static final String MERCHANT_KEY = "apiclient_key.pem";
  static final String WECHATPAY_PUBLIC_KEY = "pub_key.pem";
  static final String WECHATPAY_PRIVATE_KEY = "wechatpay_private_key.pem";
  static final String ENV = "sandbox.env";

  /** Makes fresh throwaway keys. */
  static SandboxKeys generate() {
    byte[] serial = new byte[20];
    new SecureRandom().nextBytes(serial);
    return new SandboxKeys(
        FakeWechatPay.rsa(),
        HexFormat.of().withUpperCase().formatHex(serial),
        WechatPayCrypto.alphanumeric(32),
        FakeWechatPay.rsa());
  }

  /** Reads the keys kept in a directory, or makes them and keeps them there. */
  static SandboxKeys in(Path directory) {
    try {
      Path env = directory.resolve(ENV);
      if (!Files.exists(env)) {
        SandboxKeys keys = generate();
        Files.createDirectories(directory);
        Files.writeString(directory.resolve(MERCHANT_KEY), Pem.of(keys.merchant().getPrivate()));
        Files.writeString(
            directory.resolve(WECHATPAY_PRIVATE_KEY), Pem.of(keys.wechatPay().getPrivate()));
        Files.writeString(
            directory.resolve(WECHATPAY_PUBLIC_KEY), Pem.of(keys.wechatPay().getPublic()));
        keys.writeEnvironment(directory, null);
        return keys;
      }
      Properties values = new Properties();
      try (Reader reader = Files.newBufferedReader(env)) {
        values.load(reader);
      }
      return new SandboxKeys(
          pair(directory.resolve(MERCHANT_KEY)),
          required(values, "WECHATPAY_SERIAL", env),
          apiV3Key(required(values, "WECHATPAY_API_V3_KEY", env), env),
          pair(directory.resolve(WECHATPAY_PRIVATE_KEY)));
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot keep the sandbox's keys in " + directory, e);
    }
  }

  /**
   * Writes {@code sandbox.env}, the variables the README and the Spring Boot example read, and
   * {@code application-sandbox.properties}, the starter's properties, for a fake at {@code baseUrl}
   * (left out when {@code null}).
   */
  void writeEnvironment(Path directory, String baseUrl) throws IOException {
    Path privateKey = directory.resolve(MERCHANT_KEY).toAbsolutePath();
    Path publicKey = directory.resolve(WECHATPAY_PUBLIC_KEY).toAbsolutePath();
    StringBuilder env =
        new StringBuilder()
            .append("WECHATPAY_MCHID=")
            .append(FakeWechatPay.MERCHANT_ID)
            .append("\nWECHATPAY_SERIAL=")
            .append(merchantSerialNumber)
            .append("\nWECHATPAY_PRIVATE_KEY=")
            .append(privateKey)
            .append("\nWECHATPAY_PUBLIC_KEY_ID=")
            .append(FakeWechatPay.PUBLIC_KEY_ID)
            .append("\nWECHATPAY_PUBLIC_KEY=")
            .append(publicKey)
            .append("\nWECHATPAY_API_V3_KEY=")
            .append(apiV3Key)
            .append('\n');
    StringBuilder properties =
        new StringBuilder()
            .append("membercard.wechatpay.merchant-id=")
            .append(FakeWechatPay.MERCHANT_ID)
            .append("\nmembercard.wechatpay.merchant-serial-number=")
            .append(merchantSerialNumber)
            .append("\nmembercard.wechatpay.private-key=file:")
            .append(privateKey)
            .append("\nmembercard.wechatpay.public-key-id=")
            .append(FakeWechatPay.PUBLIC_KEY_ID)
            .append("\nmembercard.wechatpay.public-key=file:")
            .append(publicKey)
            .append("\nmembercard.wechatpay.api-v3-key=")
            .append(apiV3Key)
            .append('\n');
    if (baseUrl != null) {
      env.append("WECHATPAY_BASE_URL=").append(baseUrl).append('\n');
      properties.append("membercard.wechatpay.base-url=").append(baseUrl).append('\n');
    }
    Files.writeString(directory.resolve(ENV), env);
    Files.writeString(directory.resolve("application-sandbox.properties"), properties);
  }

  /** Keeps secrets out of logs. */
  @Override
  public String toString() {
    return "SandboxKeys[merchant " + merchantSerialNumber + "]";
  }

  private static String required(Properties values, String name, Path env) {
    String value = values.getProperty(name);
    if (value == null || value.isBlank()) {
      throw new IllegalStateException(env + " names no " + name);
    }
    return value.trim();
  }

  /** The APIv3 key is what AES-256 takes: 32 bytes. */
  private static String apiV3Key(String value, Path env) {
    int bytes = value.getBytes(StandardCharsets.UTF_8).length;
    if (bytes != 32) {
      throw new IllegalStateException(
          env + " names a WECHATPAY_API_V3_KEY of " + bytes + " bytes; it must have 32");
    }
    return value;
  }

  /** Reads an RSA private key and derives its public key. */
  private static KeyPair pair(Path pem) throws IOException {
    try {
      PrivateKey key =
          KeyFactory.getInstance("RSA")
              .generatePrivate(
                  new PKCS8EncodedKeySpec(Pem.der(Files.readString(pem), "PRIVATE KEY")));
      if (!(key instanceof RSAPrivateCrtKey rsa)) {
        throw new IllegalStateException(pem + " holds no RSA private key with its public exponent");
      }
      return new KeyPair(
          KeyFactory.getInstance("RSA")
              .generatePublic(new RSAPublicKeySpec(rsa.getModulus(), rsa.getPublicExponent())),
          key);
    } catch (GeneralSecurityException | IllegalArgumentException e) {
      throw new IllegalStateException(pem + " holds no PKCS#8 RSA private key", e);
    }
  }
}
