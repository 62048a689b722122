package io.github.membercard.wechatpay.internal.auth;

import io.github.membercard.wechatpay.WechatPayConfigurationException;
import io.github.membercard.wechatpay.auth.Signer;
import java.time.Clock;
import java.util.Objects;
import java.util.function.Supplier;

/**
 * Builds the {@link Authorization} header of a request for one merchant, with a fresh timestamp and
 * nonce each time, the signature taken over {@code METHOD\nURL\nTIMESTAMP\nNONCE\nBODY\n}.
 */
public final class Credential {

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
    String nonce = headerSafe(nonces.get(), false, "nonceGenerator");
    String signature =
        headerSafe(
            signer.sign(WechatPayProtocol.requestMessage(method, url, timestamp, nonce, body)),
            true,
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
   * parameters, without echoing it (a signature stays out of messages). Checked character by
   * character rather than with a regular expression, which cost more than all the rest of the
   * header.
   *
   * @param base64 true for a signature ({@code [0-9A-Za-z+/]+={0,2}}), false for a nonce ({@code
   *     [0-9A-Za-z_-]+})
   */
  private static String headerSafe(String value, boolean base64, String source) {
    if (value == null || !headerSafe(value, base64)) {
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

  private static boolean headerSafe(String value, boolean base64) {
    int end = value.length();
    if (base64) {
      int padding = 0;
      while (padding < 2 && end > 0 && value.charAt(end - 1) == '=') {
        padding++;
        end--;
      }
    }
    if (end == 0) {
      return false;
    }
    for (int i = 0; i < end; i++) {
      char c = value.charAt(i);
      boolean alphanumeric =
          (c >= '0' && c <= '9') || (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z');
      if (!alphanumeric && (base64 ? c != '+' && c != '/' : c != '_' && c != '-')) {
        return false;
      }
    }
    return true;
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
