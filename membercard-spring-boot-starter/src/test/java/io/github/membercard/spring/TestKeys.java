package io.github.membercard.spring;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.util.Base64;

/** A merchant key and a WeChat Pay key, written as PEM files the properties point at. */
final class TestKeys {

  static final String MERCHANT_ID = "1900000001";
  static final String SERIAL = "5157F09EFDC096DE15EBE81A47057A7232F1B8E1";
  static final String PUBLIC_KEY_ID = "PUB_KEY_ID_0114232134912410000000000000";
  static final String API_V3_KEY = "a7cde1ZJB1kG2e7VfTs3jQzaWizur8Gb";

  final Path privateKey;
  final Path publicKey;

  TestKeys(Path directory) {
    try {
      KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
      generator.initialize(2048);
      KeyPair merchant = generator.generateKeyPair();
      KeyPair wechatPay = generator.generateKeyPair();
      privateKey =
          Files.writeString(
              directory.resolve("apiclient_key.pem"),
              pem("PRIVATE KEY", merchant.getPrivate().getEncoded()));
      publicKey =
          Files.writeString(
              directory.resolve("pub_key.pem"),
              pem("PUBLIC KEY", wechatPay.getPublic().getEncoded()));
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(e);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Returns the properties of a merchant in public key mode with the APIv3 key. */
  String[] properties() {
    return new String[] {
      "membercard.wechatpay.merchant-id=" + MERCHANT_ID,
      "membercard.wechatpay.merchant-serial-number=" + SERIAL,
      "membercard.wechatpay.private-key=" + privateKey.toUri(),
      "membercard.wechatpay.public-key-id=" + PUBLIC_KEY_ID,
      "membercard.wechatpay.public-key=" + publicKey.toUri(),
      "membercard.wechatpay.api-v3-key=" + API_V3_KEY
    };
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
}
