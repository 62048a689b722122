package io.github.membercard.wechatpay.internal.keys;

import io.github.membercard.wechatpay.WechatPayApiException;
import io.github.membercard.wechatpay.WechatPayConfigurationException;
import io.github.membercard.wechatpay.WechatPayException;
import io.github.membercard.wechatpay.internal.crypto.RsaKeys;
import io.github.membercard.wechatpay.internal.http.UntrustedText;
import java.math.BigInteger;
import java.security.PublicKey;
import java.security.cert.CertificateExpiredException;
import java.security.cert.CertificateNotYetValidException;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.BiPredicate;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Platform certificate mode: WeChat Pay's certificates, downloaded when the client is built, again
 * every {@code refreshInterval}, and on demand. Every certificate downloaded is kept, since several
 * are valid while WeChat Pay rotates them; requests are encrypted under the newest valid one and
 * name it in {@code Wechatpay-Serial} exactly as WeChat Pay listed it. Serials are looked up as
 * numbers ({@link SerialNumbers}), so a response may name one in either case and with or without
 * leading zeros.
 *
 * <p>An on-demand download happens when a response names a serial not yet seen, or when no
 * certificate held is valid any more; at most one starts per minute after the previous attempt,
 * failed attempts included, so forged serials cannot make the client download on every message.
 *
 * <p>A download that lists a certificate whose key is not RSA of at least {@value
 * RsaKeys#MINIMUM_BITS} bits fails as a whole: nothing in it is trusted. A failed download keeps
 * the certificates already held, and those still valid go on verifying and encrypting. The next
 * scheduled attempt then backs off: it starts one minute after the failed attempt began, and the
 * delay doubles after every further failure, never exceeding {@code refreshInterval}; with the
 * default hour the attempts come 1, 2, 4, 8, 16, 32, 60, 60, … minutes apart. The first successful
 * download returns to {@code refreshInterval}. Each failure is logged at {@code WARNING} through
 * {@link System.Logger} with the exception's message, which by this runtime's rule carries no key
 * material, cleaned and cut. A caller sees a failure only when no certificate held is valid: then
 * it gets a {@link WechatPayException} of its own whose cause is the download's failure.
 *
 * <p>Downloads are scheduled on a monotonic count of elapsed time (the clock's forward moves, and
 * {@link System#nanoTime()} across a step back), never on wall-clock instants: a clock set back,
 * such as one corrected after running a day ahead, delays no refresh. The clock itself only says
 * which certificates are valid.
 *
 * <p>One download runs at a time, on the thread of the caller that found it due. Other callers go
 * on with the certificates held and never wait for the network, unless none of them is valid or
 * their response names a serial not held (a rotation); then they wait for the running download,
 * which its connect and read timeouts bound.
 */
public final class PlatformCertificates implements VerificationKeys {

  /** Downloads, decrypts and verifies the current certificates. */
  @FunctionalInterface
  public interface Source {
    /**
     * Downloads the platform certificates WeChat Pay currently has for the merchant.
     *
     * @return the certificates, keyed by their serial as WeChat Pay listed it
     * @throws WechatPayException if they cannot be had
     */
    Map<String, X509Certificate> download();
  }

  /**
   * The least time from the start of a download attempt, of any kind, to an on-demand one: for an
   * unknown serial, or when no certificate held is valid.
   */
  static final Duration UNKNOWN_SERIAL_REFRESH_GAP = Duration.ofMinutes(1);

  /** How long after a failed download the first retry starts, before doubling. */
  static final Duration FIRST_RETRY_DELAY = Duration.ofMinutes(1);

  // A stable name users configure, whatever package this class lives in.
  private static final Logger LOG = LoggerFactory.getLogger("io.github.membercard.wechatpay.keys");

  private final Source source;
  private final Clock clock;
  private final ElapsedTime elapsed;
  private final Duration refreshInterval;

  /** The download running now, if any; whoever installs one performs it. */
  private final AtomicReference<CompletableFuture<Held>> running = new AtomicReference<>();

  /** Replaced, never changed, and only by the thread performing a download. */
  private volatile Held held;

  /**
   * Downloads the certificates once, so a merchant without any, or one whose download fails, learns
   * it when building the client.
   *
   * @param source where the certificates come from
   * @param clock local time
   * @param refreshInterval how often to download them again
   * @throws WechatPayConfigurationException if WeChat Pay has no platform certificate for the
   *     merchant, or one whose key is not RSA of at least {@value RsaKeys#MINIMUM_BITS} bits
   * @throws WechatPayException if the download fails
   */
  public PlatformCertificates(Source source, Clock clock, Duration refreshInterval) {
    this.source = Objects.requireNonNull(source, "source");
    this.clock = Objects.requireNonNull(clock, "clock");
    this.elapsed = new ElapsedTime(clock, System::nanoTime);
    this.refreshInterval = Objects.requireNonNull(refreshInterval, "refreshInterval");
    Duration started = elapsed.now();
    this.held = Held.downloaded(fetch(), started, refreshInterval);
  }

  @Override
  public Optional<PublicKey> verificationKey(String serial) {
    Optional<BigInteger> number = SerialNumbers.parse(serial);
    if (number.isEmpty()) {
      return Optional.empty(); // not hex, so no certificate's serial
    }
    Instant now = clock.instant();
    Held current = usable(now);
    if (!current.certificates().containsKey(number.get())) {
      // A response signed under a serial not held cannot be verified without the download: wait for
      // the one running (or run it), however many callers met the new serial at once.
      current =
          downloadIf(
                  (state, at) ->
                      !state.certificates().containsKey(number.get()) && state.onDemandAllowed(at))
              .join();
    }
    Optional<PublicKey> key =
        Optional.ofNullable(current.certificates().get(number.get()))
            .filter(listed -> isValid(listed.certificate(), now))
            .map(listed -> listed.certificate().getPublicKey());
    if (key.isEmpty() && current.failure() != null && current.newestValid(now).isEmpty()) {
      throw noneValid(current.failure());
    }
    return key;
  }

  @Override
  public EncryptionKey encryptionKey() {
    Instant now = clock.instant();
    Held current = usable(now);
    return current
        .newestValid(now)
        .map(listed -> new EncryptionKey(listed.serial(), listed.certificate().getPublicKey()))
        .orElseThrow(
            () ->
                current.failure() != null
                    ? noneValid(current.failure())
                    : new WechatPayException(
                        "None of WeChat Pay's platform certificates is valid now"));
  }

  /**
   * The failure of a caller that needed a valid certificate: its own exception, so that the stored
   * one (which names the download's request, and another thread's stack) is never thrown as the
   * caller's; the download's failure is its cause.
   */
  private static WechatPayException noneValid(WechatPayException downloadFailure) {
    return new WechatPayException(
        "None of WeChat Pay's platform certificates is valid now, and the last download of them"
            + " failed ("
            + downloadFailure.getClass().getSimpleName()
            + ", the cause)",
        downloadFailure);
  }

  /**
   * Returns the certificates to use now, downloading first if a download is due. A caller holding a
   * valid certificate waits only if it performs the download itself; one without waits for the
   * running download, or starts one if the minute since the last attempt has passed.
   */
  private Held usable(Instant now) {
    Held current = held;
    if (current.newestValid(now).isPresent()) {
      return current.refreshDue(elapsed.now())
          ? downloadIf(Held::refreshDue).getNow(current)
          : current;
    }
    return downloadIf(Held::onDemandAllowed).join();
  }

  /**
   * Downloads on this thread if no download is running and {@code needed} holds for the
   * certificates held then; otherwise returns the running download.
   *
   * @return the download, complete if this thread performed it
   */
  private CompletableFuture<Held> downloadIf(BiPredicate<Held, Duration> needed) {
    CompletableFuture<Held> mine = new CompletableFuture<>();
    CompletableFuture<Held> other = running.compareAndExchange(null, mine);
    if (other != null) {
      return other;
    }
    try {
      Held current = held;
      if (needed.test(current, elapsed.now())) {
        current = downloadAfter(current);
        held = current;
      }
      mine.complete(current);
      return mine;
    } catch (Throwable t) {
      // Only an Error gets here (downloadAfter keeps failures); callers waiting must not hang.
      mine.completeExceptionally(t);
      throw t;
    } finally {
      running.set(null);
    }
  }

  /** Downloads, keeping {@code previous}'s certificates and backing off if that fails. */
  private Held downloadAfter(Held previous) {
    Duration started = elapsed.now();
    try {
      return Held.downloaded(fetch(), started, refreshInterval);
    } catch (WechatPayException e) {
      Duration delay =
          previous.retryDelay() == null ? FIRST_RETRY_DELAY : previous.retryDelay().multipliedBy(2);
      if (delay.compareTo(refreshInterval) > 0) {
        delay = refreshInterval;
      }
      LOG.warn(
          "Downloading WeChat Pay platform certificates failed; the {} certificate(s) held are"
              + " used while valid; next attempt in {}: {}: {}",
          previous.certificates().size(),
          delay,
          e.getClass().getSimpleName(),
          UntrustedText.clean(e.getMessage(), WechatPayApiException.MAX_TEXT_LENGTH));
      return previous.failed(e, started, delay);
    }
  }

  /** Downloads the certificates and keys them by serial number. */
  private Map<BigInteger, Listed> fetch() {
    Map<String, X509Certificate> downloaded;
    try {
      downloaded = source.download();
    } catch (WechatPayException e) {
      throw e;
    } catch (RuntimeException e) {
      throw new WechatPayException(
          "Cannot download WeChat Pay platform certificates: " + e.getClass().getSimpleName(), e);
    }
    if (downloaded.isEmpty()) {
      throw new WechatPayConfigurationException(
          "wechatPayKeys",
          "WeChat Pay has no platform certificate for this merchant; "
              + "newer merchants have only a WeChat Pay public key: configure it with VerificationKeys.publicKey(id, pem)");
    }
    Map<BigInteger, Listed> bySerial = new LinkedHashMap<>();
    downloaded.forEach(
        (serial, certificate) -> {
          // A weak key among them is not trusted: the whole download is refused, and the
          // certificates held before stay in use.
          RsaKeys.requireStrong(
              certificate.getPublicKey(), "WeChat Pay platform certificate " + serial);
          bySerial.putIfAbsent(certificate.getSerialNumber(), new Listed(serial, certificate));
        });
    return Map.copyOf(bySerial);
  }

  private static boolean isValid(X509Certificate certificate, Instant now) {
    try {
      certificate.checkValidity(Date.from(now));
      return true;
    } catch (CertificateExpiredException | CertificateNotYetValidException e) {
      return false;
    }
  }

  @Override
  public String toString() {
    return "PlatformCertificates{serials="
        + held.certificates().values().stream()
            .map(Listed::serial)
            .sorted()
            .collect(Collectors.toList())
        + "}";
  }

  /**
   * A certificate and its serial as WeChat Pay listed it, the form to send back.
   *
   * @param serial the {@code serial_no} of the download
   * @param certificate the certificate
   */
  private record Listed(String serial, X509Certificate certificate) {}

  /**
   * What the last download left: the certificates held and when to download next.
   *
   * @param certificates every certificate held, by serial number
   * @param lastAttempt when the last download, successful or not, started, as {@link ElapsedTime}
   * @param nextRefresh when the next scheduled download is due, as {@link ElapsedTime}
   * @param retryDelay the delay after the last failure, or {@code null} after a success
   * @param failure the last download's failure, or {@code null} after a success
   */
  private record Held(
      Map<BigInteger, Listed> certificates,
      Duration lastAttempt,
      Duration nextRefresh,
      Duration retryDelay,
      WechatPayException failure) {

    static Held downloaded(
        Map<BigInteger, Listed> certificates, Duration started, Duration refreshInterval) {
      return new Held(certificates, started, started.plus(refreshInterval), null, null);
    }

    Held failed(WechatPayException failure, Duration started, Duration delay) {
      return new Held(certificates, started, started.plus(delay), delay, failure);
    }

    boolean refreshDue(Duration elapsed) {
      return elapsed.compareTo(nextRefresh) >= 0;
    }

    boolean onDemandAllowed(Duration elapsed) {
      return refreshDue(elapsed)
          || elapsed.compareTo(lastAttempt.plus(UNKNOWN_SERIAL_REFRESH_GAP)) >= 0;
    }

    Optional<Listed> newestValid(Instant now) {
      return certificates.values().stream()
          .filter(listed -> isValid(listed.certificate(), now))
          .max(Comparator.comparing(listed -> listed.certificate().getNotBefore()));
    }
  }
}
