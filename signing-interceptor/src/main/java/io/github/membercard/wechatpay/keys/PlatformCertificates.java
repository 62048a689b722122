package io.github.membercard.wechatpay.keys;

import io.github.membercard.wechatpay.WechatPayConfigurationException;
import io.github.membercard.wechatpay.WechatPayException;
import java.security.PublicKey;
import java.security.cert.CertificateExpiredException;
import java.security.cert.CertificateNotYetValidException;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.Date;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Platform certificate mode: WeChat Pay's certificates, downloaded when the client is built and
 * again every {@code refreshInterval}, and at once when an answer names a serial not yet seen (at
 * most once a minute, so forged serials cannot make it download on every message). Every valid
 * certificate is kept, since several are valid while WeChat Pay rotates them; requests are
 * encrypted under the newest.
 */
public final class PlatformCertificates implements WechatPayKeys {

  /** Downloads, decrypts and verifies the current certificates, keyed by serial number. */
  @FunctionalInterface
  public interface Source {
    /**
     * Downloads the platform certificates WeChat Pay currently has for the merchant.
     *
     * @return the certificates by serial
     * @throws WechatPayException if they cannot be had
     */
    Map<String, X509Certificate> download();
  }

  static final Duration UNKNOWN_SERIAL_REFRESH_GAP = Duration.ofMinutes(1);

  private final Source source;
  private final Clock clock;
  private final Duration refreshInterval;
  private volatile Map<String, X509Certificate> bySerial;
  private volatile Instant refreshedAt;

  /**
   * Downloads the certificates once, so a merchant without any learns it when building the client.
   *
   * @param source where the certificates come from
   * @param clock local time
   * @param refreshInterval how often to download them again
   * @throws WechatPayConfigurationException if WeChat Pay has no platform certificate for the
   *     merchant
   */
  public PlatformCertificates(Source source, Clock clock, Duration refreshInterval) {
    this.source = Objects.requireNonNull(source, "source");
    this.clock = Objects.requireNonNull(clock, "clock");
    this.refreshInterval = Objects.requireNonNull(refreshInterval, "refreshInterval");
    refresh();
  }

  @Override
  public Optional<PublicKey> verificationKey(String serial) {
    refreshIfOlderThan(refreshInterval);
    if (!bySerial.containsKey(serial)) {
      refreshIfOlderThan(UNKNOWN_SERIAL_REFRESH_GAP);
    }
    X509Certificate certificate = bySerial.get(serial);
    return certificate != null && isValidNow(certificate)
        ? Optional.of(certificate.getPublicKey())
        : Optional.empty();
  }

  @Override
  public EncryptionKey encryptionKey() {
    refreshIfOlderThan(refreshInterval);
    return bySerial.entrySet().stream()
        .filter(entry -> isValidNow(entry.getValue()))
        .max(Comparator.comparing(entry -> entry.getValue().getNotBefore()))
        .map(entry -> new EncryptionKey(entry.getKey(), entry.getValue().getPublicKey()))
        .orElseThrow(
            () ->
                new WechatPayException("None of WeChat Pay's platform certificates is valid now"));
  }

  private void refreshIfOlderThan(Duration age) {
    if (clock.instant().isAfter(refreshedAt.plus(age))) {
      synchronized (this) {
        if (clock.instant().isAfter(refreshedAt.plus(age))) {
          refresh();
        }
      }
    }
  }

  private void refresh() {
    Map<String, X509Certificate> downloaded = Map.copyOf(source.download());
    if (downloaded.isEmpty()) {
      throw new WechatPayConfigurationException(
          "WeChat Pay has no platform certificate for this merchant; "
              + "newer merchants have only a WeChat Pay public key: configure it with WechatPayKeyConfig.publicKey(id, pem)");
    }
    bySerial = downloaded;
    refreshedAt = clock.instant();
  }

  private boolean isValidNow(X509Certificate certificate) {
    try {
      certificate.checkValidity(Date.from(clock.instant()));
      return true;
    } catch (CertificateExpiredException | CertificateNotYetValidException e) {
      return false;
    }
  }

  @Override
  public String toString() {
    return "PlatformCertificates{serials=" + bySerial.keySet() + "}";
  }
}
