package io.github.membercard.spring;

import io.github.membercard.fake.FakeWechatPay;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** A merchant key and a WeChat Pay key, written as PEM files the properties point at. */
final class TestKeys {

  static final String MERCHANT_ID = "1900000001";
  static final String SERIAL = "5157F09EFDC096DE15EBE81A47057A7232F1B8E1";
  static final String PUBLIC_KEY_ID = "PUB_KEY_ID_0114232134912410000000000000";
  static final String API_V3_KEY = "a7cde1ZJB1kG2e7VfTs3jQzaWizur8Gb";

  final Path privateKey;
  final Path publicKey;

  TestKeys(Path directory) {
    // The fake makes a throwaway merchant key and WeChat Pay key when it starts.
    try (FakeWechatPay fake = FakeWechatPay.start()) {
      privateKey =
          Files.writeString(directory.resolve("apiclient_key.pem"), fake.merchantPrivateKeyPem());
      publicKey = Files.writeString(directory.resolve("pub_key.pem"), fake.wechatPayPublicKeyPem());
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
}
