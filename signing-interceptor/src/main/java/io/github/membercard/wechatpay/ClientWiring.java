package io.github.membercard.wechatpay;

import com.fasterxml.jackson.databind.ObjectMapper;
import feign.Client;
import feign.Feign;
import feign.Request;
import feign.Retryer;
import io.github.membercard.wechatpay.auth.ReplayGuard;
import io.github.membercard.wechatpay.internal.auth.Credential;
import io.github.membercard.wechatpay.internal.auth.SignatureValidator;
import io.github.membercard.wechatpay.internal.crypto.AeadAes256Gcm;
import io.github.membercard.wechatpay.internal.http.CertificateDownloader;
import io.github.membercard.wechatpay.internal.http.ExchangeLog;
import io.github.membercard.wechatpay.internal.http.LoggingClient;
import io.github.membercard.wechatpay.internal.http.OkHttpTransport;
import io.github.membercard.wechatpay.internal.http.PlannedCalls;
import io.github.membercard.wechatpay.internal.http.RateLimitingClient;
import io.github.membercard.wechatpay.internal.http.RetryingClient;
import io.github.membercard.wechatpay.internal.http.SigningClient;
import io.github.membercard.wechatpay.internal.http.TransportClient;
import io.github.membercard.wechatpay.internal.http.TypedFailures;
import io.github.membercard.wechatpay.internal.http.VerifyingClient;
import io.github.membercard.wechatpay.internal.http.WechatPayDecoder;
import io.github.membercard.wechatpay.internal.http.WechatPayEncoder;
import io.github.membercard.wechatpay.internal.http.WechatPayErrorDecoder;
import io.github.membercard.wechatpay.internal.http.WechatPaySerialInterceptor;
import io.github.membercard.wechatpay.internal.keys.MigratingKeys;
import io.github.membercard.wechatpay.internal.keys.PlatformCertificates;
import io.github.membercard.wechatpay.internal.keys.VerificationKeys;
import io.github.membercard.wechatpay.internal.keys.WechatPayPublicKey;
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
      WechatPayKeys.Checked keyConfig,
      TransportOptions transport,
      String baseUrl,
      Clock clock,
      Credential credential,
      ResponseListener listener,
      ReplayGuard replayGuard,
      JsonStart json) {
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
            : transport.okHttpClient() != null
                ? OkHttpTransport.over(transport.okHttpClient(), transport.connectTimeout())
                : OkHttpTransport.withDefaults(transport.connectTimeout());
    ObjectMapper mapper = json.mapper(); // built meanwhile, beside key parsing and the transport
    SigningClient signing =
        new SigningClient(new TransportClient(http, transport.maxResponseBytes()), credential);
    VerificationKeys keys =
        keys(keyConfig, merchant.apiV3Key(), signing, baseUrl, options, mapper, clock);
    SignatureValidator validator =
        new SignatureValidator(keys::verificationKey, clock, replayGuard);

    ExchangeLog log = new ExchangeLog(mapper, transport.unsafeLogUnredacted());

    Client calls =
        calls(
            new LoggingClient(new VerifyingClient(signing, validator, listener), log),
            transport,
            mapper);
    WechatPayEncoder encoder = new WechatPayEncoder(mapper, keys, log);
    WechatPayDecoder decoder = new WechatPayDecoder(mapper, merchant.decryptor(), log);
    WechatPayErrorDecoder errorDecoder = new WechatPayErrorDecoder(mapper);
    Feign.Builder feign =
        Feign.builder()
            .client(calls)
            .encoder(encoder)
            .decoder(decoder)
            .errorDecoder(errorDecoder)
            .requestInterceptor(new WechatPaySerialInterceptor(keys))
            // A retried payment call is not always safe to repeat; callers decide.
            .retryer(Retryer.NEVER_RETRY)
            .invocationHandlerFactory(
                new TypedFailures(new PlannedCalls(calls, options, encoder, decoder, errorDecoder)))
            .options(options);
    return new WechatPayClient(
        feign, baseUrl, validator, merchant.apiV3Key(), mapper, merchant.decryptor());
  }

  /** Adds the opted-in rate limiting and retries around one verified attempt. */
  private static Client calls(Client attempt, TransportOptions transport, ObjectMapper mapper) {
    Client limited = transport.rateLimited() ? new RateLimitingClient(attempt) : attempt;
    return transport.retries().maxAttempts() > 1
        ? new RetryingClient(limited, transport.retries(), mapper)
        : limited;
  }

  private static VerificationKeys keys(
      WechatPayKeys.Checked config,
      AeadAes256Gcm apiV3Key,
      SigningClient signing,
      String baseUrl,
      Request.Options options,
      ObjectMapper mapper,
      Clock clock) {
    WechatPayPublicKey publicKey = config.publicKey();
    if (!config.usesPlatformCertificates()) {
      return publicKey;
    }
    PlatformCertificates certificates =
        new PlatformCertificates(
            new CertificateDownloader(
                signing,
                baseUrl,
                options,
                apiV3Key,
                mapper,
                serial -> publicKey == null ? Optional.empty() : publicKey.verificationKey(serial),
                clock),
            clock,
            config.refreshInterval());
    return publicKey == null ? certificates : new MigratingKeys(publicKey, certificates);
  }
}
