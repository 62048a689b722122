package io.github.membercard.wechatpay.internal.auth;

import io.github.membercard.wechatpay.WechatPayConfigurationException;
import io.github.membercard.wechatpay.auth.Signer;
import java.time.Clock;
import java.util.Objects;
import java.util.function.Supplier;
import java.util.regex.Pattern;

/**
 * Builds the {@link Authorization} header of a request for one merchant, with a fresh timestamp and
 * nonce each time, the signature taken over {@code METHOD\nURL\nTIMESTAMP\nNONCE\nBODY\n}.
 */
public final class Credential {

  private static final Pattern NONCE = Pattern.compile("[0-9A-Za-z_-]+");
  private static final Pattern BASE64 = Pattern.compile("[0-9A-Za-z+/]+={0,2}");

  private final String merchantId;
  private final String merchantSerialNumber;
  private final Signer signer;
  private final Clock clock;
  private final Supplier<String> nonces;

  /**
   * Creates a credential that signs requests for one merchant.
   *
   * @param merchantId the merchant id ({@code mchid}); for a service provider, its own
   * @param merchantSerialNumber the merchant API certificate's serial number, upper-case hex
   * @param signer signs with the merchant API private key
   * @param clock the source of {@code timestamp}
   * @param nonces the source of {@code nonce_str}
   */
  public Credential(
      String merchantId,
      String merchantSerialNumber,
      Signer signer,
      Clock clock,
      Supplier<String> nonces) {
    this.merchantId = Objects.requireNonNull(merchantId, "merchantId");
    this.merchantSerialNumber =
        Objects.requireNonNull(merchantSerialNumber, "merchantSerialNumber");
    this.signer = Objects.requireNonNull(signer, "signer");
    this.clock = Objects.requireNonNull(clock, "clock");
    this.nonces = Objects.requireNonNull(nonces, "nonces");
  }

  /**
   * Signs one request, with a fresh timestamp and nonce.
   *
   * @param method the HTTP method, any case
   * @param url the absolute path and query exactly as sent, without scheme and host
   * @param body the exact body bytes sent; empty when there is none
   * @return the {@code Authorization} header value
   */
  public String authorization(String method, String url, byte[] body) {
    String timestamp = Long.toString(clock.instant().getEpochSecond());
    String nonce = headerSafe(nonces.get(), NONCE, "nonceGenerator");
    String signature =
        headerSafe(
            signer.sign(WechatPayProtocol.requestMessage(method, url, timestamp, nonce, body)),
            BASE64,
            "signer");
    return new Authorization(merchantId, nonce, timestamp, merchantSerialNumber, signature)
        .header();
  }

  /**
   * Returns the merchant id sent as {@code mchid} in every header.
   *
   * @return the merchant id this credential signs for
   */
  public String merchantId() {
    return merchantId;
  }

  /**
   * Refuses a value from a user-supplied generator or signer that would break the header's quoted
   * parameters, without echoing it (a signature stays out of messages).
   */
  private static String headerSafe(String value, Pattern allowed, String source) {
    if (value == null || !allowed.matcher(value).matches()) {
      throw new WechatPayConfigurationException(
          source,
          source
              + " returned a value the Authorization header cannot carry: "
              + (source.equals("signer")
                  ? "a signature is Base64"
                  : "a nonce is letters, digits, '-' and '_'"));
    }
    return value;
  }

  @Override
  public String toString() {
    return "Credential{merchantId="
        + merchantId
        + ", merchantSerialNumber="
        + merchantSerialNumber
        + "}";
  }
}
