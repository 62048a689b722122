package io.github.membercard.spring;

import feign.Client;
import io.github.membercard.spring.MemberCardProperties.KeyMode;
import io.github.membercard.wechatpay.WechatPayClient;
import io.github.membercard.wechatpay.WechatPayException;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

/**
 * The auto-configured merchant's client, built so that start-up never waits for WeChat Pay. In
 * public key mode it is built at once (nothing is downloaded). In the certificate modes every
 * setting is checked at start-up by building once through an HTTP client that sends nothing, and
 * the real client, which downloads the platform certificates, is built on first use: until a
 * download succeeds each call fails with a {@link WechatPayException}, and a new attempt is made at
 * most every {@link #RETRY_GAP}. With {@code download-certificates-at-startup=true} the download
 * happens at start-up instead, and its failure fails start-up with an analysis.
 */
final class MemberCardClientSource {

  /** The shortest time between two downloads attempted by calls. */
  static final Duration RETRY_GAP = Duration.ofSeconds(10);

  private final MemberCardProperties properties;
  private final MemberCardClientFactory.CheckedBuilder builder;
  private final Clock clock;
  private volatile WechatPayClient client;
  private volatile Failure lastFailure;

  /** When and how the last download attempt failed. */
  record Failure(Instant at, WechatPayException exception) {}

  MemberCardClientSource(
      MemberCardClientFactory factory,
      String prefix,
      MemberCardProperties properties,
      Clock clock) {
    this.properties = properties;
    this.clock = clock;
    if (properties.getKeyMode() == KeyMode.PUBLIC_KEY) {
      this.builder = null;
      this.client = factory.builder(prefix, properties).build();
      return;
    }
    checkWithoutSending(factory, prefix, properties);
    this.builder = factory.builder(prefix, properties);
    if (properties.isDownloadCertificatesAtStartup()) {
      try {
        get();
      } catch (WechatPayException e) {
        throw new InvalidMemberCardPropertyException(
            prefix + ".download-certificates-at-startup",
            "is true, and downloading WeChat Pay's platform certificates from "
                + properties.getBaseUrl()
                + " failed: "
                + e.getMessage(),
            "Check that "
                + properties.getBaseUrl()
                + " is reachable from this host (proxy, firewall, DNS) and that the merchant's"
                + " keys are the ones WeChat Pay has; or set it to false, so that the application"
                + " starts and the first call downloads them",
            e);
      }
    }
  }

  /** Builds once through a client that sends nothing: each setting is checked, nothing sent. */
  private static void checkWithoutSending(
      MemberCardClientFactory factory, String prefix, MemberCardProperties properties) {
    Client sendsNothing =
        (request, options) -> {
          throw new NotSent();
        };
    try {
      factory.offline(prefix, properties, sendsNothing).build();
    } catch (WechatPayException e) {
      for (Throwable cause = e; cause != null; cause = cause.getCause()) {
        if (cause instanceof NotSent) {
          return; // every setting passed; the download was the first thing to send
        }
      }
      throw e;
    }
  }

  /**
   * Returns the client, building it first if needed.
   *
   * @throws WechatPayException if the platform certificates cannot be downloaded yet
   */
  synchronized WechatPayClient get() {
    if (client != null) {
      return client;
    }
    Failure failed = lastFailure;
    Instant now = clock.instant();
    if (failed != null && now.isBefore(failed.at().plus(RETRY_GAP))) {
      throw new WechatPayException(
          "WeChat Pay's platform certificates are not downloaded yet; the last attempt, at "
              + failed.at()
              + ", failed: "
              + failed.exception().getMessage());
    }
    try {
      client = builder.build();
      lastFailure = null;
      return client;
    } catch (InvalidMemberCardPropertyException e) {
      // A refusal found by the download, such as a merchant with no certificate: typed for calls.
      if (e.getCause() instanceof WechatPayException cause) {
        lastFailure = new Failure(now, cause);
        throw cause;
      }
      throw e;
    } catch (WechatPayException e) {
      lastFailure = new Failure(now, e);
      throw e;
    }
  }

  /** Returns the key mode, for the health indicator. */
  KeyMode keyMode() {
    return properties.getKeyMode();
  }

  /** Returns whether the client was built: in the certificate modes, certificates downloaded. */
  boolean ready() {
    return client != null;
  }

  /**
   * Returns the last failed download attempt, or {@code null} if none failed since the last
   * success.
   */
  Failure lastFailure() {
    return lastFailure;
  }

  /** Thrown by the HTTP client that sends nothing. */
  private static final class NotSent extends IOException {
    private static final long serialVersionUID = 1L;

    NotSent() {
      super("not sent: start-up checks the settings without reaching WeChat Pay");
    }
  }
}
