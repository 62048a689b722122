package io.github.membercard.wechatpay.auth;

/**
 * Signs the APIv3 signature message with the merchant API private key. An interface, so a key held
 * in an HSM or KMS can sign without the runtime ever seeing it.
 */
@FunctionalInterface
public interface Signer {

  /**
   * Signs one signature message with the merchant API private key.
   *
   * @param message the UTF-8 bytes of the signature message
   * @return the Base64 SHA256withRSA signature
   */
  String sign(byte[] message);
}
