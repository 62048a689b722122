package io.github.membercard.fake;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.math.BigInteger;
import java.security.KeyPair;
import java.security.PrivateKey;
import java.security.SecureRandom;
import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.Comparator;
import java.util.Date;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/**
 * The fake's WeChat Pay keys in one {@link KeyMode}: its public key, its platform certificates, or
 * both. It says which key signs responses now and which keys a request may encrypt its fields
 * under, lists the certificates as {@code GET /v3/certificates} answers, and rotates, expires and
 * retires them on command. Certificates are self-signed, issued with Bouncy Castle through the
 * JDK's own providers. Thread-safe: WireMock's threads read it while a test changes it.
 */
final class PlatformKeys {

  /**
   * A key by the id WeChat Pay names it with.
   *
   * @param id a public key id or a certificate serial, as {@code Wechatpay-Serial} names it
   * @param privateKey its private key
   */
  record NamedKey(String id, PrivateKey privateKey) {}

  /** A platform certificate and its key pair. */
  private record PlatformCertificate(String serial, KeyPair keys, X509Certificate certificate) {

    Instant notBefore() {
      return certificate.getNotBefore().toInstant();
    }

    Instant notAfter() {
      return certificate.getNotAfter().toInstant();
    }

    boolean validAt(Instant instant) {
      return !instant.isBefore(notBefore()) && !instant.isAfter(notAfter());
    }
  }

  private static final String HEX_DIGITS = "0123456789ABCDEF";
  private static final int SERIAL_DIGITS = 40;
  private static final Duration VALIDITY = Duration.ofDays(5 * 365);
  private static final X500Name SUBJECT =
      new X500Name("C=CN,O=Fake WeChat Pay,CN=Fake WeChat Pay platform certificate");
  private static final String ASSOCIATED_DATA = "certificate";
  private static final DateTimeFormatter CHINA_TIME =
      DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ssXXX").withZone(ZoneOffset.ofHours(8));

  private final KeyMode mode;
  private final KeyPair publicKey;
  private final String apiV3Key;
  private final Clock clock;
  private final SecureRandom random = new SecureRandom();
  private final ObjectMapper json = new ObjectMapper();
  private final PlatformCertificate first;

  /** The certificates {@code GET /v3/certificates} lists, by serial, oldest first. */
  private final Map<String, PlatformCertificate> listed = new LinkedHashMap<>();

  /** The private key of every certificate issued since the last reset, by serial. */
  private final Map<String, PrivateKey> issued = new HashMap<>();

  private boolean leadingZeroNext;

  /**
   * Makes the keys of one mode: {@code publicKey} unless the mode has only certificates, and a
   * first certificate, valid since a day ago, unless it has only the public key.
   */
  PlatformKeys(KeyMode mode, String apiV3Key, Clock clock, KeyPair publicKey) {
    this.mode = mode;
    this.apiV3Key = apiV3Key;
    this.clock = clock;
    this.publicKey = mode == KeyMode.PLATFORM_CERTIFICATES ? null : publicKey;
    Instant notBefore = clock.instant().minus(Duration.ofDays(1)).truncatedTo(ChronoUnit.SECONDS);
    this.first =
        mode == KeyMode.PUBLIC_KEY
            ? null
            : issue(newSerial(), FakeWechatPay.rsa(), notBefore, notBefore.plus(VALIDITY));
    reset();
  }

  KeyMode mode() {
    return mode;
  }

  /**
   * Returns the public key as PEM text.
   *
   * @throws IllegalStateException in platform certificate mode, which has none
   */
  String publicKeyPem() {
    if (publicKey == null) {
      throw new IllegalStateException(
          "In KeyMode.PLATFORM_CERTIFICATES WeChat Pay has no public key for the merchant");
    }
    return Pem.of(publicKey.getPublic());
  }

  /** Forgets rotations, expiries and retirements: only the first certificate is listed, valid. */
  synchronized void reset() {
    listed.clear();
    issued.clear();
    leadingZeroNext = false;
    if (first != null) {
      listed.put(first.serial(), first);
      issued.put(first.serial(), first.keys().getPrivate());
    }
  }

  /** Returns a signer under the key that signs responses and notifications now. */
  synchronized PlatformSigner signer() {
    NamedKey key = signingKey();
    return new PlatformSigner(key.privateKey(), key.id());
  }

  /** Returns the id responses name in {@code Wechatpay-Serial} now. */
  synchronized String signingKeyId() {
    return signingKey().id();
  }

  /**
   * Returns whether a request may name this key in {@code Wechatpay-Serial} and encrypt under it.
   */
  synchronized boolean accepts(String keyId) {
    if (mode != KeyMode.PLATFORM_CERTIFICATES) {
      return FakeWechatPay.PUBLIC_KEY_ID.equals(keyId);
    }
    PlatformCertificate certificate = listed.get(keyId);
    return certificate != null && certificate.validAt(clock.instant());
  }

  /**
   * Returns the key a request's encrypted values must decrypt under: the one its {@code
   * Wechatpay-Serial} names when the fake {@link #accepts} it, else the one the fake expects (the
   * public key, or in certificate mode the certificate that signs).
   */
  synchronized NamedKey requestKey(String wechatpaySerial) {
    if (wechatpaySerial != null && accepts(wechatpaySerial)) {
      return knownKey(wechatpaySerial).orElseThrow();
    }
    return expectedKey();
  }

  /**
   * Returns the key to read back a received request with: the one its {@code Wechatpay-Serial}
   * names if the fake has had it since the last reset, accepted now or not, else the one it
   * expects.
   */
  synchronized PrivateKey receivedRequestKey(String wechatpaySerial) {
    return Optional.ofNullable(wechatpaySerial)
        .flatMap(this::knownKey)
        .orElseGet(this::expectedKey)
        .privateKey();
  }

  /** Returns the serials {@code GET /v3/certificates} lists, oldest first. */
  synchronized List<String> certificateSerials() {
    return List.copyOf(listed.keySet());
  }

  /**
   * Returns the body of {@code GET /v3/certificates}: each listed certificate's PEM encrypted with
   * AEAD_AES_256_GCM under the APIv3 key, with its serial and validity.
   */
  synchronized String certificateList() {
    ObjectNode answer = json.createObjectNode();
    ArrayNode data = answer.putArray("data");
    for (PlatformCertificate certificate : listed.values()) {
      String nonce = WechatPayCrypto.alphanumeric(12);
      ObjectNode entry =
          data.addObject()
              .put("serial_no", certificate.serial())
              .put("effective_time", CHINA_TIME.format(certificate.notBefore()))
              .put("expire_time", CHINA_TIME.format(certificate.notAfter()));
      entry
          .putObject("encrypt_certificate")
          .put("algorithm", "AEAD_AES_256_GCM")
          .put("nonce", nonce)
          .put("associated_data", ASSOCIATED_DATA)
          .put(
              "ciphertext",
              WechatPayCrypto.encryptResource(
                  apiV3Key, nonce, ASSOCIATED_DATA, Pem.of(certificate.certificate())));
    }
    return answer.toString();
  }

  /**
   * Issues a certificate newer than every listed one and lists it; it signs from now on.
   *
   * @return its serial
   */
  String rotate() {
    requireCertificates();
    KeyPair keys = FakeWechatPay.rsa();
    synchronized (this) {
      Instant notBefore =
          clock.instant().minus(Duration.ofHours(1)).truncatedTo(ChronoUnit.SECONDS);
      for (PlatformCertificate certificate : listed.values()) {
        if (!certificate.notBefore().isBefore(notBefore)) {
          notBefore = certificate.notBefore().plusSeconds(1);
        }
      }
      PlatformCertificate certificate =
          issue(newSerial(), keys, notBefore, notBefore.plus(VALIDITY));
      listed.put(certificate.serial(), certificate);
      issued.put(certificate.serial(), keys.getPrivate());
      return certificate.serial();
    }
  }

  /** Makes the serial of the next certificate {@link #rotate} issues start with {@code 0}. */
  synchronized void leadingZeroInNextSerial() {
    requireCertificates();
    leadingZeroNext = true;
  }

  /**
   * Ends a listed certificate's validity a second ago: it is issued again with the same serial and
   * key, and stays listed.
   */
  synchronized void expire(String serial) {
    PlatformCertificate certificate = listedCertificate(serial);
    Instant notAfter = clock.instant().minusSeconds(1).truncatedTo(ChronoUnit.SECONDS);
    Instant notBefore =
        certificate.notBefore().isAfter(notAfter) ? notAfter : certificate.notBefore();
    listed.put(serial, issue(serial, certificate.keys(), notBefore, notAfter));
  }

  /**
   * Stops listing a certificate.
   *
   * @throws IllegalStateException for the last one listed in certificate mode
   */
  synchronized void retire(String serial) {
    listedCertificate(serial);
    if (mode == KeyMode.PLATFORM_CERTIFICATES && listed.size() == 1) {
      throw new IllegalStateException(
          serial
              + " is the only platform certificate: rotate one in first, or start the fake with"
              + " KeyMode.PUBLIC_KEY_AND_PLATFORM_CERTIFICATES to end with the public key");
    }
    listed.remove(serial);
  }

  /**
   * The newest valid listed certificate; without one, the public key if there is one, else the
   * newest listed certificate, expired.
   */
  private NamedKey signingKey() {
    Instant now = clock.instant();
    Optional<PlatformCertificate> newest =
        newest(listed.values().stream().filter(certificate -> certificate.validAt(now)).toList());
    if (newest.isEmpty() && publicKey == null) {
      newest = newest(List.copyOf(listed.values()));
    }
    return newest
        .map(certificate -> new NamedKey(certificate.serial(), certificate.keys().getPrivate()))
        .orElseGet(() -> new NamedKey(FakeWechatPay.PUBLIC_KEY_ID, publicKey.getPrivate()));
  }

  private NamedKey expectedKey() {
    return mode == KeyMode.PLATFORM_CERTIFICATES
        ? signingKey()
        : new NamedKey(FakeWechatPay.PUBLIC_KEY_ID, publicKey.getPrivate());
  }

  private Optional<NamedKey> knownKey(String keyId) {
    if (publicKey != null && FakeWechatPay.PUBLIC_KEY_ID.equals(keyId)) {
      return Optional.of(new NamedKey(keyId, publicKey.getPrivate()));
    }
    return Optional.ofNullable(issued.get(keyId)).map(key -> new NamedKey(keyId, key));
  }

  private static Optional<PlatformCertificate> newest(List<PlatformCertificate> certificates) {
    return certificates.stream().max(Comparator.comparing(PlatformCertificate::notBefore));
  }

  private PlatformCertificate listedCertificate(String serial) {
    requireCertificates();
    PlatformCertificate certificate = listed.get(serial);
    if (certificate == null) {
      throw new IllegalArgumentException(
          "No platform certificate " + serial + " is listed; listed: " + listed.keySet());
    }
    return certificate;
  }

  private void requireCertificates() {
    if (mode == KeyMode.PUBLIC_KEY) {
      throw new IllegalStateException(
          "The fake runs in KeyMode.PUBLIC_KEY, which has no platform certificates: start it with"
              + " KeyMode.PLATFORM_CERTIFICATES or PUBLIC_KEY_AND_PLATFORM_CERTIFICATES");
    }
  }

  /**
   * A serial as WeChat Pay writes one: 40 upper-case hex digits, the first 1 to 7 (a positive
   * 160-bit number, encoded in at most 20 bytes); or, once asked, {@code 0} followed by a non-zero
   * digit.
   */
  private String newSerial() {
    StringBuilder serial = new StringBuilder(SERIAL_DIGITS);
    if (leadingZeroNext) {
      serial.append('0').append(HEX_DIGITS.charAt(1 + random.nextInt(15)));
      leadingZeroNext = false;
    } else {
      serial.append(HEX_DIGITS.charAt(1 + random.nextInt(7)));
    }
    while (serial.length() < SERIAL_DIGITS) {
      serial.append(HEX_DIGITS.charAt(random.nextInt(16)));
    }
    return serial.toString();
  }

  private static PlatformCertificate issue(
      String serial, KeyPair keys, Instant notBefore, Instant notAfter) {
    try {
      X509Certificate certificate =
          new JcaX509CertificateConverter()
              .getCertificate(
                  new JcaX509v3CertificateBuilder(
                          SUBJECT,
                          new BigInteger(serial, 16),
                          Date.from(notBefore),
                          Date.from(notAfter),
                          SUBJECT,
                          keys.getPublic())
                      .build(
                          new JcaContentSignerBuilder("SHA256withRSA").build(keys.getPrivate())));
      return new PlatformCertificate(serial, keys, certificate);
    } catch (OperatorCreationException | CertificateException e) {
      throw new IllegalStateException("Cannot issue a platform certificate", e);
    }
  }
}
