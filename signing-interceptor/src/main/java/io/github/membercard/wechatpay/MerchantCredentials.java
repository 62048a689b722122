package io.github.membercard.wechatpay;

import io.github.membercard.wechatpay.auth.Signer;
import io.github.membercard.wechatpay.crypto.PemSource;
import io.github.membercard.wechatpay.internal.auth.PrivateKeySigner;
import io.github.membercard.wechatpay.internal.crypto.AeadAes256Gcm;
import io.github.membercard.wechatpay.internal.crypto.PemKeys;
import io.github.membercard.wechatpay.internal.crypto.RsaKeys;
import io.github.membercard.wechatpay.internal.crypto.RsaOaep;
import io.github.membercard.wechatpay.internal.keys.SerialNumbers;
import io.github.membercard.wechatpay.json.FieldCipher;
import java.nio.file.Path;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.cert.X509Certificate;
import java.security.interfaces.RSAPrivateKey;
import java.security.interfaces.RSAPublicKey;
import java.time.Clock;
import java.time.Instant;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * Who the merchant is and what it holds: the merchant id, the merchant API certificate's serial
 * number, either the merchant API private key or a {@link Signer} (and a decryptor) backed by a key
 * the runtime never sees, such as one held in an HSM or a KMS, and the APIv3 key. Immutable: the
 * factories take what every merchant has, and each optional part is set on a copy. Checked when the
 * client or notification parser is built; {@link #toString()} names no key.
 *
 * <pre>{@code
 * MerchantCredentials.of("1900000001", "5157F09EFDC096DE15EBE81A47057A7232F1B8E1", Path.of("apiclient_key.pem"))
 *     .apiV3Key(apiV3Key)
 * }</pre>
 */
public final class MerchantCredentials {

  /** A {@code mchid}: digits only, so it cannot break the {@code Authorization} header. */
  private static final Pattern MERCHANT_ID = Pattern.compile("[0-9]{1,32}");

  /** A certificate serial, as WeChat Pay's merchant platform shows it: hex digits. */
  private static final Pattern SERIAL_NUMBER = Pattern.compile("[0-9A-Fa-f]+");

  private final String merchantId;
  private final String serialNumber;
  private final PemSource privateKey;
  private final Signer signer;
  private final FieldCipher decryptor;
  private final PemSource certificate;
  private final String apiV3Key;

  private MerchantCredentials(
      String merchantId,
      String serialNumber,
      PemSource privateKey,
      Signer signer,
      FieldCipher decryptor,
      PemSource certificate,
      String apiV3Key) {
    this.merchantId = merchantId;
    this.serialNumber = serialNumber;
    this.privateKey = privateKey;
    this.signer = signer;
    this.decryptor = decryptor;
    this.certificate = certificate;
    this.apiV3Key = apiV3Key;
  }

  /**
   * Creates the credentials of a merchant whose private key the runtime holds.
   *
   * @param merchantId the merchant id ({@code mchid}); a service provider gives its own
   * @param serialNumber the serial number of the merchant API certificate, hex
   * @param privateKey the merchant API private key, PKCS#8 or PKCS#1 PEM ({@code
   *     apiclient_key.pem})
   * @return the credentials, checked when a client or notification parser is built
   */
  public static MerchantCredentials of(
      String merchantId, String serialNumber, PemSource privateKey) {
    return new MerchantCredentials(merchantId, serialNumber, privateKey, null, null, null, null);
  }

  /**
   * Creates the credentials of a merchant whose private key the runtime reads from a PEM file when
   * a client or notification parser is built.
   *
   * @param merchantId the merchant id ({@code mchid}); a service provider gives its own
   * @param serialNumber the serial number of the merchant API certificate, hex
   * @param privateKeyPem the file of the merchant API private key ({@code apiclient_key.pem})
   * @return the credentials, checked when a client or notification parser is built
   */
  public static MerchantCredentials of(String merchantId, String serialNumber, Path privateKeyPem) {
    return of(
        merchantId, serialNumber, privateKeyPem == null ? null : PemSource.file(privateKeyPem));
  }

  /**
   * Creates the credentials of a merchant whose private key stays outside the runtime.
   *
   * @param merchantId the merchant id ({@code mchid})
   * @param serialNumber the serial number of the merchant API certificate, hex
   * @param signer signs the APIv3 message with the merchant API private key (SHA256withRSA, Base64)
   * @param decryptor decrypts a Base64 RSA-OAEP value encrypted under the merchant API
   *     certificate's key, for the sensitive fields of responses and notifications
   * @return the credentials, checked when a client or notification parser is built
   */
  public static MerchantCredentials of(
      String merchantId, String serialNumber, Signer signer, FieldCipher decryptor) {
    return new MerchantCredentials(merchantId, serialNumber, null, signer, decryptor, null, null);
  }

  /**
   * Adds the merchant API certificate ({@code apiclient_cert.pem}), in a copy of these credentials:
   * the build then checks that it has the configured serial number, is valid now and, when the
   * private key is given, belongs to that key.
   *
   * @param certificate the certificate PEM
   * @return credentials with the certificate to check
   */
  public MerchantCredentials certificate(PemSource certificate) {
    return new MerchantCredentials(
        merchantId, serialNumber, privateKey, signer, decryptor, certificate, apiV3Key);
  }

  /**
   * Adds the merchant API certificate from a PEM file, to be checked as {@link
   * #certificate(PemSource)} describes.
   *
   * @param certificatePem the certificate PEM file ({@code apiclient_cert.pem}), read when the
   *     client is built
   * @return credentials with the certificate to check
   */
  public MerchantCredentials certificate(Path certificatePem) {
    return certificate(certificatePem == null ? null : PemSource.file(certificatePem));
  }

  /**
   * Adds the APIv3 key, in a copy of these credentials: notifications are encrypted under it, and
   * so are the platform certificates of {@link WechatPayKeys#platformCertificates()}.
   *
   * @param apiV3Key the 32-character APIv3 key set in the merchant platform (APIv3密钥)
   * @return credentials with the APIv3 key
   */
  public MerchantCredentials apiV3Key(String apiV3Key) {
    return new MerchantCredentials(
        merchantId, serialNumber, privateKey, signer, decryptor, certificate, apiV3Key);
  }

  /**
   * The checked credentials: what signs, what decrypts, for whom, and the APIv3 key's cipher
   * ({@code null} without one).
   */
  record Checked(
      String merchantId,
      String serialNumber,
      Signer signer,
      FieldCipher decryptor,
      AeadAes256Gcm apiV3Key) {}

  /**
   * Parses and checks every part.
   *
   * @param clock the time the merchant certificate must be valid at
   * @throws WechatPayConfigurationException naming the first unusable part
   */
  Checked check(Clock clock) {
    Settings.required(merchantId, "merchantId", "the mchid WeChat Pay issued (such as 1900000001)");
    Settings.required(
        serialNumber, "merchantSerialNumber", "the merchant API certificate's serial number");
    if (!MERCHANT_ID.matcher(merchantId).matches()) {
      throw new WechatPayConfigurationException(
          "merchantId",
          "merchantId must be the digits of the mchid WeChat Pay issued (such as 1900000001)");
    }
    if (!SERIAL_NUMBER.matcher(serialNumber).matches()) {
      throw new WechatPayConfigurationException(
          "merchantSerialNumber",
          "merchantSerialNumber must be hex: the merchant API certificate's serial number"
              + " (such as 5157F09EFDC096DE15EBE81A47057A7232F1B8E1)");
    }
    String serial = serialNumber.toUpperCase(Locale.ROOT);
    AeadAes256Gcm aes =
        apiV3Key == null ? null : Settings.check("apiV3Key", () -> new AeadAes256Gcm(apiV3Key));
    X509Certificate parsed = certificate == null ? null : checkedCertificate(clock);
    if (signer != null || decryptor != null) {
      if (signer == null || decryptor == null) {
        throw new WechatPayConfigurationException(
            signer == null ? "signer" : "decryptor",
            "MerchantCredentials.of(merchantId, serialNumber, signer, decryptor) needs both the"
                + " signer and the decryptor");
      }
      return new Checked(merchantId, serial, signer, decryptor, aes);
    }
    Settings.required(
        privateKey, "merchantPrivateKey", "the merchant API private key, apiclient_key.pem");
    PrivateKey key = Settings.check("merchantPrivateKey", () -> PemKeys.privateKey(privateKey));
    if (parsed != null) {
      PublicKey publicKey = parsed.getPublicKey();
      if (!(publicKey instanceof RSAPublicKey rsaPublic
          && key instanceof RSAPrivateKey rsaPrivate
          && rsaPublic.getModulus().equals(rsaPrivate.getModulus()))) {
        throw new WechatPayConfigurationException(
            "merchantPrivateKey",
            "merchantPrivateKey does not belong to merchantCertificate "
                + parsed.getSerialNumber().toString(16).toUpperCase(Locale.ROOT));
      }
    }
    return new Checked(
        merchantId,
        serial,
        new PrivateKeySigner(key),
        ciphertext -> RsaOaep.decrypt(key, ciphertext),
        aes);
  }

  /**
   * Parses the merchant certificate and checks its serial, its key's size and that it is valid now:
   * WeChat Pay refuses requests signed under an expired merchant certificate's key.
   */
  private X509Certificate checkedCertificate(Clock clock) {
    X509Certificate parsed =
        Settings.check(
            "merchantCertificate",
            () -> {
              X509Certificate read = PemKeys.certificate(certificate);
              RsaKeys.requireStrong(
                  read.getPublicKey(), "merchantCertificate (" + certificate + ")");
              return read;
            });
    checkSerial(parsed);
    Instant now = clock.instant();
    Instant notBefore = parsed.getNotBefore().toInstant();
    Instant notAfter = parsed.getNotAfter().toInstant();
    String invalid =
        now.isAfter(notAfter)
            ? " expired at " + notAfter + "; apply for a new one and configure it with its key"
            : now.isBefore(notBefore)
                ? " is not valid before " + notBefore + "; check the clock"
                : null;
    if (invalid != null) {
      throw new WechatPayConfigurationException(
          "merchantCertificate",
          "merchantCertificate " + SerialNumbers.hex(parsed.getSerialNumber()) + invalid);
    }
    return parsed;
  }

  /**
   * Checks, as numbers, that the certificate has the configured serial: leading zeros may differ.
   */
  private void checkSerial(X509Certificate parsed) {
    if (!SerialNumbers.names(serialNumber, parsed.getSerialNumber())) {
      throw new WechatPayConfigurationException(
          "merchantSerialNumber",
          "merchantCertificate has serial number "
              + SerialNumbers.hex(parsed.getSerialNumber())
              + ", but merchantSerialNumber is "
              + serialNumber);
    }
  }

  @Override
  public String toString() {
    return "MerchantCredentials{merchantId="
        + merchantId
        + ", serialNumber="
        + serialNumber
        + (signer != null
            ? ", signer=" + signer.getClass().getSimpleName()
            : ", privateKey=" + privateKey)
        + (certificate == null ? "" : ", certificate=" + certificate)
        + (apiV3Key == null ? "" : ", apiV3Key=(set)")
        + "}";
  }
}
