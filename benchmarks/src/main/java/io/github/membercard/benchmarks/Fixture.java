package io.github.membercard.benchmarks;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.X509EncodedKeySpec;
import java.util.Base64;

/**
 * The merchant and WeChat Pay identities both clients use: throwaway RSA-2048 keys made once per
 * JVM, written as PEM files for a cold-start child to read as a real deployment would.
 */
final class Fixture {

  static final String MERCHANT_ID = "1900000001";
  static final String MERCHANT_SERIAL = "5157F09EFDC096DE15EBE81A47057A7232F1B8E1";
  static final String PUBLIC_KEY_ID = "PUB_KEY_ID_0114232134912410000000000000";
  static final String API_V3_KEY = "a7cde1ZJB1kG2e0sfR4ch6yV8x0s0x2F";

  static final String MERCHANT_KEY_FILE = "apiclient_key.pem";
  static final String WECHATPAY_PUBLIC_KEY_FILE = "pub_key.pem";
  private static final String WECHATPAY_PRIVATE_KEY_FILE = "wechatpay_key.pem";

  private final PrivateKey merchantKey;
  private final PrivateKey wechatPayKey;
  private final PublicKey wechatPayPublicKey;

  private Fixture(PrivateKey merchantKey, PrivateKey wechatPayKey, PublicKey wechatPayPublicKey) {
    this.merchantKey = merchantKey;
    this.wechatPayKey = wechatPayKey;
    this.wechatPayPublicKey = wechatPayPublicKey;
  }

  /** The system property naming a directory of keys {@link #write} made, to skip making them. */
  static final String KEYS_PROPERTY = "benchmark.keys";

  /**
   * Returns the keys of this run: those in the directory {@value #KEYS_PROPERTY} names, or fresh
   * ones. Each JMH fork reads the runner's, instead of spending a second on RSA key generation.
   */
  static Fixture shared() {
    String directory = System.getProperty(KEYS_PROPERTY);
    return directory == null ? generate() : read(Path.of(directory));
  }

  /** Makes fresh keys. */
  static Fixture generate() {
    try {
      KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
      generator.initialize(2048);
      KeyPair merchant = generator.generateKeyPair();
      KeyPair wechatPay = generator.generateKeyPair();
      return new Fixture(merchant.getPrivate(), wechatPay.getPrivate(), wechatPay.getPublic());
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }

  /** Reads the keys {@link #write} left in a directory. */
  static Fixture read(Path directory) {
    try {
      KeyFactory rsa = KeyFactory.getInstance("RSA");
      return new Fixture(
          rsa.generatePrivate(new PKCS8EncodedKeySpec(der(directory, MERCHANT_KEY_FILE))),
          rsa.generatePrivate(new PKCS8EncodedKeySpec(der(directory, WECHATPAY_PRIVATE_KEY_FILE))),
          rsa.generatePublic(new X509EncodedKeySpec(der(directory, WECHATPAY_PUBLIC_KEY_FILE))));
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }

  /** Writes the keys as PEM files into a directory. */
  void write(Path directory) {
    try {
      Files.writeString(directory.resolve(MERCHANT_KEY_FILE), merchantPrivatePem());
      Files.writeString(
          directory.resolve(WECHATPAY_PRIVATE_KEY_FILE),
          pem("PRIVATE KEY", wechatPayKey.getEncoded()));
      Files.writeString(directory.resolve(WECHATPAY_PUBLIC_KEY_FILE), wechatPayPublicPem());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  PrivateKey merchantKey() {
    return merchantKey;
  }

  PrivateKey wechatPayKey() {
    return wechatPayKey;
  }

  PublicKey wechatPayPublicKey() {
    return wechatPayPublicKey;
  }

  String merchantPrivatePem() {
    return pem("PRIVATE KEY", merchantKey.getEncoded());
  }

  String wechatPayPublicPem() {
    return pem("PUBLIC KEY", wechatPayPublicKey.getEncoded());
  }

  private static String pem(String type, byte[] der) {
    return "-----BEGIN "
        + type
        + "-----\n"
        + Base64.getMimeEncoder(64, new byte[] {'\n'}).encodeToString(der)
        + "\n-----END "
        + type
        + "-----\n";
  }

  private static byte[] der(Path directory, String file) {
    try {
      String pem = Files.readString(directory.resolve(file), StandardCharsets.US_ASCII);
      return Base64.getMimeDecoder().decode(pem.replaceAll("-----[A-Z ]+-----", ""));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
