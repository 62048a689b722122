package io.github.membercard.wechatpay.internal.auth;

import io.github.membercard.wechatpay.auth.Signer;
import io.github.membercard.wechatpay.internal.crypto.RsaSha256;
import java.security.PrivateKey;
import java.util.Objects;

/** Signs with a merchant API private key held in memory. */
public final class PrivateKeySigner implements Signer {

  private final PrivateKey privateKey;

  /**
   * Creates a signer for one merchant API private key.
   *
   * @param privateKey the merchant API private key ({@code apiclient_key.pem})
   */
  public PrivateKeySigner(PrivateKey privateKey) {
    this.privateKey = Objects.requireNonNull(privateKey, "privateKey");
  }

  @Override
  public String sign(byte[] message) {
    return RsaSha256.sign(privateKey, message);
  }

  @Override
  public String toString() {
    return "PrivateKeySigner{privateKey=***}";
  }
}
