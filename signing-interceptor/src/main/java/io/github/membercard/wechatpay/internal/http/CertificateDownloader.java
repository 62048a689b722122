package io.github.membercard.wechatpay.internal.http;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import feign.Client;
import feign.Request;
import feign.Response;
import io.github.membercard.wechatpay.WechatPayConfigurationException;
import io.github.membercard.wechatpay.WechatPayException;
import io.github.membercard.wechatpay.WechatPayVerificationException;
import io.github.membercard.wechatpay.crypto.PemSource;
import io.github.membercard.wechatpay.internal.auth.SignatureValidator;
import io.github.membercard.wechatpay.internal.auth.SignedMessage;
import io.github.membercard.wechatpay.internal.crypto.AeadAes256Gcm;
import io.github.membercard.wechatpay.internal.crypto.PemKeys;
import io.github.membercard.wechatpay.internal.keys.PlatformCertificates;
import io.github.membercard.wechatpay.internal.keys.SerialNumbers;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.PublicKey;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;

/**
 * Downloads {@code GET /v3/certificates} through the same {@link SigningClient} as every other
 * call, decrypts each certificate with the APIv3 key, and verifies the response's signature under
 * the certificates it carries (or a WeChat Pay public key already trusted), as WeChat Pay's own
 * SDKs do. Serials are compared as numbers ({@link SerialNumbers}): each listed {@code serial_no}
 * must be the serial of the certificate it lists, and the response's {@code Wechatpay-Serial} may
 * name one in either case, with or without leading zeros.
 */
public final class CertificateDownloader implements PlatformCertificates.Source {

  static final String PATH = "/v3/certificates";

  private final Client signingClient;
  private final String url;
  private final Request.Options options;
  private final AeadAes256Gcm aes;
  private final ObjectMapper mapper;
  private final Function<String, Optional<PublicKey>> trustedKeys;
  private final Clock clock;

  /**
   * Creates a downloader of {@code GET /v3/certificates} under {@code baseUrl}.
   *
   * @param signingClient signs and sends the request
   * @param baseUrl the API base URL
   * @param options timeouts
   * @param aes decrypts the certificates under the APIv3 key
   * @param mapper reads the response
   * @param trustedKeys keys already trusted that may also have signed the response
   * @param clock local time
   */
  public CertificateDownloader(
      SigningClient signingClient,
      String baseUrl,
      Request.Options options,
      AeadAes256Gcm aes,
      ObjectMapper mapper,
      Function<String, Optional<PublicKey>> trustedKeys,
      Clock clock) {
    this.signingClient = Objects.requireNonNull(signingClient, "signingClient");
    this.url = Objects.requireNonNull(baseUrl, "baseUrl") + PATH;
    this.options = Objects.requireNonNull(options, "options");
    this.aes = Objects.requireNonNull(aes, "aes");
    this.mapper = Objects.requireNonNull(mapper, "mapper");
    this.trustedKeys = Objects.requireNonNull(trustedKeys, "trustedKeys");
    this.clock = Objects.requireNonNull(clock, "clock");
  }

  @Override
  public Map<String, X509Certificate> download() {
    try {
      Response response = signingClient.execute(request(), options);
      byte[] body = VerifyingClient.readBody(response);
      if (!VerifyingClient.isSuccess(response.status())) {
        throw (WechatPayException)
            new WechatPayErrorDecoder(mapper)
                .decode("download platform certificates", response.toBuilder().body(body).build());
      }
      Map<String, X509Certificate> certificates = decrypt(mapper.readTree(body));
      SignedMessage message = SignedMessage.of(response.headers(), body);
      if (certificates.isEmpty()) {
        requireSignedEmptyList(message);
        return certificates; // genuine: PlatformCertificates explains what to configure instead
      }
      new SignatureValidator(
              serial -> certificateKey(certificates, serial).or(() -> trustedKeys.apply(serial)),
              clock)
          .validate(message);
      return certificates;
    } catch (IOException e) {
      throw new WechatPayException(
          "Cannot download WeChat Pay platform certificates: " + e.getMessage(), e);
    }
  }

  /**
   * An empty list brings no certificate to check its own signature with, so only a key already
   * trusted can show it came from WeChat Pay; without one it is anyone's, and no advice is drawn
   * from it.
   */
  private void requireSignedEmptyList(SignedMessage message) {
    try {
      new SignatureValidator(trustedKeys, clock).validate(message);
    } catch (WechatPayVerificationException e) {
      throw new WechatPayConfigurationException(
          "wechatPayKeys",
          "The platform certificate download listed no certificate, and that response is"
              + " unauthenticated: it carries no certificate to verify its signature with, and no key"
              + " this client trusts verifies it ("
              + e.reason()
              + "), so anyone on the path could have sent it. Try again; if WeChat Pay really"
              + " lists none, the merchant has only a WeChat Pay public key: configure it with"
              + " WechatPayKeys.publicKey(id, pem)");
    }
  }

  private Request request() {
    return Request.create(
        Request.HttpMethod.GET,
        url,
        Map.of("Accept", List.of("application/json")),
        null,
        StandardCharsets.UTF_8,
        null);
  }

  private Map<String, X509Certificate> decrypt(JsonNode answer) {
    Map<String, X509Certificate> certificates = new LinkedHashMap<>();
    for (JsonNode entry : answer.path("data")) {
      String serial = entry.path("serial_no").asText();
      JsonNode encrypted = entry.path("encrypt_certificate");
      String pem =
          aes.decrypt(
              encrypted.path("nonce").asText(),
              encrypted.path("associated_data").asText(null),
              encrypted.path("ciphertext").asText());
      X509Certificate certificate = PemKeys.certificate(PemSource.text(pem));
      if (!SerialNumbers.names(serial, certificate.getSerialNumber())) {
        throw new WechatPayVerificationException(
            WechatPayVerificationException.Reason.BAD_SIGNATURE,
            "platform certificate listed as "
                + UntrustedText.header(serial)
                + " has serial "
                + SerialNumbers.hex(certificate.getSerialNumber()),
            null);
      }
      certificates.put(serial, certificate);
    }
    return certificates;
  }

  private static Optional<PublicKey> certificateKey(
      Map<String, X509Certificate> certificates, String serial) {
    return SerialNumbers.parse(serial)
        .flatMap(
            number ->
                certificates.values().stream()
                    .filter(certificate -> certificate.getSerialNumber().equals(number))
                    .findFirst())
        .map(X509Certificate::getPublicKey);
  }
}
