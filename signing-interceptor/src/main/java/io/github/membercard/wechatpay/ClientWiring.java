package io.github.membercard.wechatpay;

import com.fasterxml.jackson.databind.ObjectMapper;
import feign.Client;
import feign.Feign;
import feign.Request;
import feign.Retryer;
import io.github.membercard.wechatpay.auth.Credential;
import io.github.membercard.wechatpay.auth.ReplayGuard;
import io.github.membercard.wechatpay.auth.SignatureValidator;
import io.github.membercard.wechatpay.crypto.AeadAes256Gcm;
import io.github.membercard.wechatpay.crypto.PemKeys;
import io.github.membercard.wechatpay.http.CertificateDownloader;
import io.github.membercard.wechatpay.http.ExchangeLog;
import io.github.membercard.wechatpay.http.LoggingClient;
import io.github.membercard.wechatpay.http.OkHttpTransport;
import io.github.membercard.wechatpay.http.RateLimitingClient;
import io.github.membercard.wechatpay.http.RetryingClient;
import io.github.membercard.wechatpay.http.SigningClient;
import io.github.membercard.wechatpay.http.TransportClient;
import io.github.membercard.wechatpay.http.TypedFailures;
import io.github.membercard.wechatpay.http.VerifyingClient;
import io.github.membercard.wechatpay.http.WechatPayDecoder;
import io.github.membercard.wechatpay.http.WechatPayEncoder;
import io.github.membercard.wechatpay.http.WechatPayErrorDecoder;
import io.github.membercard.wechatpay.http.WechatPaySerialInterceptor;
import io.github.membercard.wechatpay.keys.MigratingKeys;
import io.github.membercard.wechatpay.keys.PlatformCertificates;
import io.github.membercard.wechatpay.keys.WechatPayKeys;
import io.github.membercard.wechatpay.keys.WechatPayPublicKey;
import java.time.Clock;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * Assembles a client from checked settings: the transport, WeChat Pay's keys (downloading platform
 * certificates where configured) and the Feign pipeline of signing, encryption, verification and
 * decoding. Only wires; {@link WechatPayClient.Builder#build()} checks the settings first.
 */
final class ClientWiring {

  private ClientWiring() {}

  static WechatPayClient wire(
      MerchantCredentials.Checked merchant,
      WechatPayKeyConfig keyConfig,
      String apiV3Key,
      TransportOptions transport,
      String baseUrl,
      Clock clock,
      Credential credential,
      AnswerListener listener,
      ReplayGuard replayGuard) {
    JsonStart json = JsonStart.begin();
    Request.Options options =
        new Request.Options(
            transport.connectTimeout().toMillis(),
            TimeUnit.MILLISECONDS,
            transport.readTimeout().toMillis(),
            TimeUnit.MILLISECONDS,
            false);
    Client http =
        transport.httpClient() != null
            ? transport.httpClient()
            : OkHttpTransport.withDefaults(transport.connectTimeout());
    ObjectMapper mapper = json.mapper(); // built meanwhile, beside the transport's start
    AeadAes256Gcm aes = apiV3Key == null ? null : new AeadAes256Gcm(apiV3Key);
    SigningClient signing =
        new SigningClient(new TransportClient(http, transport.maxAnswerBytes()), credential);
    WechatPayKeys keys = keys(keyConfig, signing, baseUrl, options, mapper, clock);
    SignatureValidator validator =
        new SignatureValidator(keys::verificationKey, clock, replayGuard);

    ExchangeLog log = new ExchangeLog(mapper, transport.unsafeLogUnredacted());

    Feign.Builder feign =
        Feign.builder()
            .client(
                calls(
                    new LoggingClient(new VerifyingClient(signing, validator, listener), log),
                    transport,
                    mapper))
            .encoder(new WechatPayEncoder(mapper, keys, log))
            .decoder(new WechatPayDecoder(mapper, merchant.decryptor(), log))
            .errorDecoder(new WechatPayErrorDecoder(mapper))
            .requestInterceptor(new WechatPaySerialInterceptor(keys))
            // A retried payment call is not always safe to repeat; callers decide.
            .retryer(Retryer.NEVER_RETRY)
            .invocationHandlerFactory(new TypedFailures())
            .options(options);
    return new WechatPayClient(feign, baseUrl, validator, aes, mapper, merchant.decryptor());
  }

  /** Adds the opted-in rate limiting and retries around one verified attempt. */
  private static Client calls(Client attempt, TransportOptions transport, ObjectMapper mapper) {
    Client limited = transport.rateLimited() ? new RateLimitingClient(attempt) : attempt;
    return transport.retries().maxAttempts() > 1
        ? new RetryingClient(limited, transport.retries(), mapper)
        : limited;
  }

  private static WechatPayKeys keys(
      WechatPayKeyConfig config,
      SigningClient signing,
      String baseUrl,
      Request.Options options,
      ObjectMapper mapper,
      Clock clock) {
    WechatPayPublicKey publicKey =
        config.publicKeyPem() == null
            ? null
            : new WechatPayPublicKey(
                config.publicKeyId(), PemKeys.publicKey(config.publicKeyPem()));
    if (!config.usesPlatformCertificates()) {
      return publicKey;
    }
    PlatformCertificates certificates =
        new PlatformCertificates(
            new CertificateDownloader(
                signing,
                baseUrl,
                options,
                new AeadAes256Gcm(config.apiV3Key()),
                mapper,
                serial -> publicKey == null ? Optional.empty() : publicKey.verificationKey(serial),
                clock),
            clock,
            config.refreshInterval());
    return publicKey == null ? certificates : new MigratingKeys(publicKey, certificates);
  }
}
