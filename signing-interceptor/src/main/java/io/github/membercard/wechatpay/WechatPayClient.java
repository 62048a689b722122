package io.github.membercard.wechatpay;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.membercard.wechatpay.auth.Credential;
import io.github.membercard.wechatpay.auth.NonceGenerator;
import io.github.membercard.wechatpay.auth.PrivateKeySigner;
import io.github.membercard.wechatpay.auth.SignatureValidator;
import io.github.membercard.wechatpay.crypto.AeadAes256Gcm;
import io.github.membercard.wechatpay.crypto.PemKeys;
import io.github.membercard.wechatpay.crypto.PemSource;
import io.github.membercard.wechatpay.crypto.RsaOaep;
import io.github.membercard.wechatpay.http.CertificateDownloader;
import io.github.membercard.wechatpay.http.RedactingLogger;
import io.github.membercard.wechatpay.http.SigningClient;
import io.github.membercard.wechatpay.http.TypedExceptionUnwrapper;
import io.github.membercard.wechatpay.http.WechatPayDecoder;
import io.github.membercard.wechatpay.http.WechatPayEncoder;
import io.github.membercard.wechatpay.http.WechatPayErrorDecoder;
import io.github.membercard.wechatpay.http.WechatPaySerialInterceptor;
import io.github.membercard.wechatpay.json.FieldCipher;
import io.github.membercard.wechatpay.json.WechatPayJson;
import io.github.membercard.wechatpay.keys.MigratingKeys;
import io.github.membercard.wechatpay.keys.PlatformCertificates;
import io.github.membercard.wechatpay.keys.WechatPayKeys;
import io.github.membercard.wechatpay.keys.WechatPayPublicKey;
import io.github.membercard.wechatpay.notification.NotificationParser;
import feign.Client;
import feign.Feign;
import feign.Logger;
import feign.Request;
import feign.Retryer;
import feign.http2client.Http2Client;
import java.net.URI;
import java.net.http.HttpClient;
import java.nio.file.Path;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.cert.X509Certificate;
import java.security.interfaces.RSAPrivateKey;
import java.security.interfaces.RSAPublicKey;
import java.time.Clock;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/**
 * A configured connection to WeChat Pay APIv3 for one merchant: build it once, then {@link #create}
 * the generated API interfaces from it. Every call is signed, every answer verified before it is
 * decoded, and sensitive fields encrypted and decrypted. Instances share nothing with each other and
 * are safe for concurrent use, so one JVM can serve several merchants.
 *
 * <pre>{@code
 * BrandUserCardsApi api = WechatPayClient.builder()
 *     .merchantId("1900000001")
 *     .merchantSerialNumber("5157F09EFDC096DE15EBE81A47057A7232F1B8E1")
 *     .merchantPrivateKey(Path.of("apiclient_key.pem"))
 *     .wechatPayPublicKey("PUB_KEY_ID_0114232134912410000000000000", Path.of("pub_key.pem"))
 *     .build(BrandUserCardsApi.class);
 * }</pre>
 */
public final class WechatPayClient {

  /** WeChat Pay's production host. */
  public static final String DEFAULT_BASE_URL = "https://api.mch.weixin.qq.com";

  private final Feign.Builder feign;
  private final String baseUrl;
  private final SignatureValidator validator;
  private final AeadAes256Gcm aes;
  private final ObjectMapper mapper;
  private final FieldCipher decryptor;

  private WechatPayClient(Feign.Builder feign, String baseUrl, SignatureValidator validator, AeadAes256Gcm aes,
      ObjectMapper mapper, FieldCipher decryptor) {
    this.feign = feign;
    this.baseUrl = baseUrl;
    this.validator = validator;
    this.aes = aes;
    this.mapper = mapper;
    this.decryptor = decryptor;
  }

  /** @return a builder; every setting is checked when {@link Builder#build()} runs */
  public static Builder builder() {
    return new Builder();
  }

  /**
   * @param api a generated API interface, such as {@code BrandUserCardsApi.class}
   * @param <T> the interface type
   * @return an implementation calling WeChat Pay through this client
   */
  public <T> T create(Class<T> api) {
    return feign.target(api, baseUrl);
  }

  /**
   * A parser for the notifications WeChat Pay sends this merchant, verified and decrypted with this
   * client's keys. Generated clients offer {@code MemberCardNotifications.parser(client)}.
   *
   * @param resourceTypes each known {@code event_type} with the model its resource is read into
   * @return the parser
   * @throws WechatPayConfigurationException if the client was built without the APIv3 key
   */
  public NotificationParser notificationParser(Map<String, Class<?>> resourceTypes) {
    if (aes == null) {
      throw new WechatPayConfigurationException("Notifications are encrypted under the APIv3 key: build the client with apiV3Key(...)");
    }
    return new NotificationParser(validator, aes, mapper, decryptor, resourceTypes);
  }

  @Override
  public String toString() {
    return "WechatPayClient{baseUrl=" + baseUrl + "}";
  }

  /** Settings of a {@link WechatPayClient}. Not thread-safe; the client it builds is. */
  public static final class Builder {

    private String merchantId;
    private String merchantSerialNumber;
    private PemSource merchantPrivateKey;
    private PemSource merchantCertificate;
    private String wechatPayPublicKeyId;
    private PemSource wechatPayPublicKey;
    private String apiV3Key;
    private boolean platformCertificates;
    private Duration certificateRefreshInterval = Duration.ofHours(1);
    private String baseUrl = DEFAULT_BASE_URL;
    private Duration connectTimeout = Duration.ofSeconds(10);
    private Duration readTimeout = Duration.ofSeconds(30);
    private Client httpClient;
    private Clock clock = Clock.systemUTC();
    private Supplier<String> nonceGenerator = new NonceGenerator();
    private Logger.Level logLevel = Logger.Level.NONE;
    private AnswerListener answerListener = (method, pathAndQuery, status, requestId) -> { };

    private Builder() {}

    /** @param merchantId the merchant id ({@code mchid}); a service provider gives its own */
    public Builder merchantId(String merchantId) {
      this.merchantId = merchantId;
      return this;
    }

    /** @param serialNumber the serial number of the merchant API certificate, hex */
    public Builder merchantSerialNumber(String serialNumber) {
      this.merchantSerialNumber = serialNumber;
      return this;
    }

    /** @param pemFile the merchant API private key, PKCS#8 or PKCS#1 PEM ({@code apiclient_key.pem}) */
    public Builder merchantPrivateKey(Path pemFile) {
      return merchantPrivateKey(PemSource.file(pemFile));
    }

    /** @param pem the merchant API private key, from a file, a string or the classpath */
    public Builder merchantPrivateKey(PemSource pem) {
      this.merchantPrivateKey = Objects.requireNonNull(pem, "pem");
      return this;
    }

    /**
     * Optional: the merchant API certificate ({@code apiclient_cert.pem}). When given, the build checks
     * that it has the configured serial number and belongs to the private key.
     */
    public Builder merchantCertificate(Path pemFile) {
      return merchantCertificate(PemSource.file(pemFile));
    }

    /** @param pem the merchant API certificate, from a file, a string or the classpath */
    public Builder merchantCertificate(PemSource pem) {
      this.merchantCertificate = Objects.requireNonNull(pem, "pem");
      return this;
    }

    /**
     * Public key mode: WeChat Pay's public key and its id ({@code PUB_KEY_ID_…}).
     *
     * @param id the public key id
     * @param pemFile the public key PEM ({@code pub_key.pem})
     */
    public Builder wechatPayPublicKey(String id, Path pemFile) {
      return wechatPayPublicKey(id, PemSource.file(pemFile));
    }

    /** @see #wechatPayPublicKey(String, Path) */
    public Builder wechatPayPublicKey(String id, PemSource pem) {
      this.wechatPayPublicKeyId = id;
      this.wechatPayPublicKey = Objects.requireNonNull(pem, "pem");
      return this;
    }

    /**
     * Platform certificate mode: download WeChat Pay's certificates, decrypting them with the APIv3 key.
     * Together with {@link #wechatPayPublicKey}, both verify answers and requests are encrypted under
     * the public key (the migration WeChat Pay is running).
     *
     * @param apiV3Key the 32-character APIv3 key
     */
    public Builder platformCertificates(String apiV3Key) {
      this.platformCertificates = true;
      return apiV3Key(apiV3Key);
    }

    /**
     * The APIv3 key, which notifications (and platform certificates) are encrypted under; needed for
     * {@link WechatPayClient#notificationParser}.
     *
     * @param apiV3Key the 32-character APIv3 key set in the merchant platform
     */
    public Builder apiV3Key(String apiV3Key) {
      this.apiV3Key = apiV3Key;
      return this;
    }

    /** @param interval how often platform certificates are downloaded again; default one hour */
    public Builder certificateRefreshInterval(Duration interval) {
      this.certificateRefreshInterval = Objects.requireNonNull(interval, "interval");
      return this;
    }

    /** @param baseUrl the API host, and path prefix if any; default {@value #DEFAULT_BASE_URL} */
    public Builder baseUrl(String baseUrl) {
      this.baseUrl = baseUrl;
      return this;
    }

    /** @param timeout how long to wait for a connection; default 10 s */
    public Builder connectTimeout(Duration timeout) {
      this.connectTimeout = Objects.requireNonNull(timeout, "timeout");
      return this;
    }

    /** @param timeout how long to wait for an answer; default 30 s */
    public Builder readTimeout(Duration timeout) {
      this.readTimeout = Objects.requireNonNull(timeout, "timeout");
      return this;
    }

    /**
     * @param client the Feign HTTP client to send through; it must support PATCH. Default: the JDK's
     *     {@code java.net.http.HttpClient} over HTTP/1.1
     */
    public Builder httpClient(Client client) {
      this.httpClient = Objects.requireNonNull(client, "client");
      return this;
    }

    /** @param clock the time used for request timestamps and answer freshness; default system UTC */
    public Builder clock(Clock clock) {
      this.clock = Objects.requireNonNull(clock, "clock");
      return this;
    }

    /** @param nonceGenerator the source of request nonces; default 32 secure random alphanumerics */
    public Builder nonceGenerator(Supplier<String> nonceGenerator) {
      this.nonceGenerator = Objects.requireNonNull(nonceGenerator, "nonceGenerator");
      return this;
    }

    /**
     * @param level how much Feign logs, through {@link RedactingLogger} at DEBUG; default none.
     *     Signatures are never logged.
     */
    public Builder logLevel(Logger.Level level) {
      this.logLevel = Objects.requireNonNull(level, "level");
      return this;
    }

    /** @param listener told of every verified answer and its Request-ID; default does nothing */
    public Builder answerListener(AnswerListener listener) {
      this.answerListener = Objects.requireNonNull(listener, "listener");
      return this;
    }

    /**
     * Parses and checks every setting, then builds the client.
     *
     * @return the client
     * @throws WechatPayConfigurationException naming the first unusable setting
     */
    public WechatPayClient build() {
      require(merchantId, "merchantId");
      require(merchantSerialNumber, "merchantSerialNumber");
      if (!merchantSerialNumber.matches("[0-9A-Fa-f]+")) {
        throw new WechatPayConfigurationException("merchantSerialNumber must be hex, but is \"" + merchantSerialNumber + "\"");
      }
      if (merchantPrivateKey == null) {
        throw new WechatPayConfigurationException("merchantPrivateKey is required");
      }
      if (wechatPayPublicKey == null && !platformCertificates) {
        throw new WechatPayConfigurationException(
            "Configure WeChat Pay's key: wechatPayPublicKey(id, pem), or platformCertificates(apiV3Key)");
      }
      String base = normalisedBaseUrl();
      PrivateKey privateKey = PemKeys.privateKey(merchantPrivateKey);
      if (merchantCertificate != null) {
        checkCertificateMatches(PemKeys.certificate(merchantCertificate), privateKey);
      }
      Credential credential = new Credential(merchantId, merchantSerialNumber.toUpperCase(Locale.ROOT),
          new PrivateKeySigner(privateKey), clock, nonceGenerator);
      Request.Options options = new Request.Options(connectTimeout.toMillis(), TimeUnit.MILLISECONDS,
          readTimeout.toMillis(), TimeUnit.MILLISECONDS, false);
      Client transport = httpClient != null ? httpClient : new Http2Client(HttpClient.newBuilder()
          .version(HttpClient.Version.HTTP_1_1)
          .connectTimeout(connectTimeout)
          .build());
      ObjectMapper mapper = WechatPayJson.newObjectMapper();
      AeadAes256Gcm aes = apiV3Key == null ? null : new AeadAes256Gcm(apiV3Key);
      WechatPayKeys keys = keys(transport, base, options, credential, mapper, aes);
      SignatureValidator validator = new SignatureValidator(keys::verificationKey, clock);
      FieldCipher decryptor = ciphertext -> RsaOaep.decrypt(privateKey, ciphertext);

      Feign.Builder feign = Feign.builder()
          .client(new SigningClient(transport, credential, validator, answerListener))
          .encoder(new WechatPayEncoder(mapper, keys))
          .decoder(new WechatPayDecoder(mapper, decryptor))
          .errorDecoder(new WechatPayErrorDecoder(mapper))
          .requestInterceptor(new WechatPaySerialInterceptor(keys))
          .responseInterceptor(new TypedExceptionUnwrapper())
          // A retried payment call is not always safe to repeat; callers decide.
          .retryer(Retryer.NEVER_RETRY)
          .options(options)
          .logger(new RedactingLogger())
          .logLevel(logLevel);
      return new WechatPayClient(feign, base, validator, aes, mapper, decryptor);
    }

    /**
     * Builds the client and one API from it.
     *
     * @param api a generated API interface
     * @param <T> the interface type
     * @return the API
     */
    public <T> T build(Class<T> api) {
      return build().create(api);
    }

    private WechatPayKeys keys(Client transport, String base, Request.Options options, Credential credential,
        ObjectMapper mapper, AeadAes256Gcm aes) {
      WechatPayPublicKey publicKey = wechatPayPublicKey == null
          ? null
          : new WechatPayPublicKey(wechatPayPublicKeyId, PemKeys.publicKey(wechatPayPublicKey));
      if (!platformCertificates) {
        return publicKey;
      }
      PlatformCertificates certificates = new PlatformCertificates(
          new CertificateDownloader(transport, base, options, credential, aes, mapper,
              serial -> publicKey == null ? Optional.empty() : publicKey.verificationKey(serial), clock),
          clock, certificateRefreshInterval);
      return publicKey == null ? certificates : new MigratingKeys(publicKey, certificates);
    }

    private String normalisedBaseUrl() {
      require(baseUrl, "baseUrl");
      String trimmed = baseUrl.endsWith("/") ? baseUrl.substring(0, baseUrl.length() - 1) : baseUrl;
      URI uri;
      try {
        uri = URI.create(trimmed);
      } catch (IllegalArgumentException e) {
        throw new WechatPayConfigurationException("baseUrl is not a URL: " + baseUrl, e);
      }
      if (!("https".equals(uri.getScheme()) || "http".equals(uri.getScheme())) || uri.getHost() == null) {
        throw new WechatPayConfigurationException("baseUrl must be an http(s) URL with a host, but is " + baseUrl);
      }
      return trimmed;
    }

    private void checkCertificateMatches(X509Certificate certificate, PrivateKey privateKey) {
      String serial = certificate.getSerialNumber().toString(16);
      if (!serial.equalsIgnoreCase(merchantSerialNumber)) {
        throw new WechatPayConfigurationException("merchantCertificate has serial number " + serial.toUpperCase(Locale.ROOT)
            + ", but merchantSerialNumber is " + merchantSerialNumber);
      }
      PublicKey publicKey = certificate.getPublicKey();
      if (!(publicKey instanceof RSAPublicKey rsaPublic && privateKey instanceof RSAPrivateKey rsaPrivate
          && rsaPublic.getModulus().equals(rsaPrivate.getModulus()))) {
        throw new WechatPayConfigurationException(
            "merchantPrivateKey does not belong to merchantCertificate " + serial.toUpperCase(Locale.ROOT));
      }
    }

    private static void require(String value, String name) {
      if (value == null || value.isBlank()) {
        throw new WechatPayConfigurationException(name + " is required");
      }
    }
  }
}
