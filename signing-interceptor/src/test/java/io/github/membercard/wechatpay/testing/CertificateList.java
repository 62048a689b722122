package io.github.membercard.wechatpay.testing;

import io.github.membercard.wechatpay.internal.crypto.AeadAes256Gcm;
import java.math.BigInteger;
import java.security.cert.X509Certificate;
import java.time.Instant;

/**
 * The body of a {@code GET /v3/certificates} answer as WeChat Pay writes it: each side's
 * certificate, its serial the side's id read as hex, encrypted under the APIv3 key and listed under
 * that id as written.
 */
public final class CertificateList {

  private static final String NONCE = "uluk4a9R25RW";

  private final AeadAes256Gcm aes;
  private final StringBuilder data = new StringBuilder();

  /**
   * Starts an empty list whose certificates are encrypted under {@code apiV3Key}.
   *
   * @param apiV3Key the merchant's APIv3 key
   */
  public CertificateList(String apiV3Key) {
    this.aes = new AeadAes256Gcm(apiV3Key);
  }

  /**
   * Adds a certificate for {@code side}'s key, valid from {@code notBefore} to {@code notAfter}.
   *
   * @return this list
   */
  public CertificateList add(WechatPaySide side, Instant notBefore, Instant notAfter) {
    return add(side, side.id(), notBefore, notAfter);
  }

  /**
   * Adds a certificate for {@code side}'s key, its serial {@code side}'s id, but listed under
   * {@code listedAs}, as a tampered or mistaken list would.
   *
   * @return this list
   */
  public CertificateList add(
      WechatPaySide side, String listedAs, Instant notBefore, Instant notAfter) {
    X509Certificate certificate =
        TestKeys.certificate(side.keys(), new BigInteger(side.id(), 16), notBefore, notAfter);
    String ciphertext = aes.encrypt(NONCE, "certificate", TestKeys.pem(certificate));
    data.append(data.length() == 0 ? "" : ",")
        .append("{\"serial_no\":\"")
        .append(listedAs)
        .append(
            "\",\"effective_time\":\"2024-01-01T00:00:00+08:00\",\"expire_time\":\"2029-01-01T00:00:00+08:00\","
                + "\"encrypt_certificate\":{\"algorithm\":\"AEAD_AES_256_GCM\",\"nonce\":\"")
        .append(NONCE)
        .append("\",\"associated_data\":\"certificate\",\"ciphertext\":\"")
        .append(ciphertext)
        .append("\"}}");
    return this;
  }

  /**
   * Returns the response body.
   *
   * @return the JSON of the list
   */
  public String json() {
    return "{\"data\":[" + data + "]}";
  }
}
