package io.github.membercard.wechatpay.internal.crypto;

import io.github.membercard.wechatpay.WechatPayConfigurationException;
import io.github.membercard.wechatpay.crypto.PemSource;
import java.io.ByteArrayInputStream;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.X509EncodedKeySpec;
import java.util.Base64;

/**
 * Parses PEM key material through the JDK's own providers: no security provider is registered. The
 * usual forms, an RSA {@code PRIVATE KEY} (PKCS#8), {@code PUBLIC KEY} or {@code CERTIFICATE}, are
 * read by the JDK alone; anything else (a PKCS#1 {@code RSA PRIVATE KEY}, or input to be refused)
 * goes to Bouncy Castle's PEM reader, loaded only then, which reads the rest and explains what it
 * refuses. Every failure names the source and the problem.
 */
public final class PemKeys {

  private static final String PRIVATE_KEY = "PRIVATE KEY";
  private static final String PUBLIC_KEY = "PUBLIC KEY";
  private static final String CERTIFICATE = "CERTIFICATE";

  private PemKeys() {}

  /**
   * Reads an RSA private key in PKCS#8 ({@code PRIVATE KEY}) or PKCS#1 ({@code RSA PRIVATE KEY})
   * form.
   *
   * @param source where the PEM comes from
   * @return the key
   * @throws WechatPayConfigurationException if the source holds anything else, or an RSA key under
   *     {@value RsaKeys#MINIMUM_BITS} bits
   */
  public static PrivateKey privateKey(PemSource source) {
    String pem = source.read();
    byte[] der = der(pem, PRIVATE_KEY);
    if (der != null) {
      try {
        PrivateKey key =
            KeyFactory.getInstance("RSA").generatePrivate(new PKCS8EncodedKeySpec(der));
        return RsaKeys.requireStrong(key, source.toString());
      } catch (GeneralSecurityException notRsa) {
        // Another algorithm's key: Bouncy Castle names it.
      }
    }
    return BouncyCastlePem.privateKey(source, pem);
  }

  /**
   * Reads an RSA public key ({@code PUBLIC KEY}), such as a WeChat Pay public key.
   *
   * @param source where the PEM comes from
   * @return the key
   * @throws WechatPayConfigurationException if the source holds anything else, or an RSA key under
   *     {@value RsaKeys#MINIMUM_BITS} bits
   */
  public static PublicKey publicKey(PemSource source) {
    String pem = source.read();
    byte[] der = der(pem, PUBLIC_KEY);
    if (der != null) {
      try {
        PublicKey key = KeyFactory.getInstance("RSA").generatePublic(new X509EncodedKeySpec(der));
        return RsaKeys.requireStrong(key, source.toString());
      } catch (GeneralSecurityException notRsa) {
        // Another algorithm's key: Bouncy Castle names it.
      }
    }
    return BouncyCastlePem.publicKey(source, pem);
  }

  /**
   * Reads an X.509 certificate ({@code CERTIFICATE}) with an RSA key. Its key's size and its
   * validity are checked where the certificate's role is known: by the merchant credentials and by
   * platform certificate mode.
   *
   * @param source where the PEM comes from
   * @return the certificate
   * @throws WechatPayConfigurationException if the source holds anything else
   */
  public static X509Certificate certificate(PemSource source) {
    String pem = source.read();
    byte[] der = der(pem, CERTIFICATE);
    if (der != null) {
      try {
        X509Certificate certificate =
            (X509Certificate)
                CertificateFactory.getInstance("X.509")
                    .generateCertificate(new ByteArrayInputStream(der));
        RsaKeys.requireRsa(certificate.getPublicKey(), source.toString());
        return certificate;
      } catch (GeneralSecurityException undecodable) {
        // Bouncy Castle says what is wrong with it.
      }
    }
    return BouncyCastlePem.certificate(source, pem);
  }

  /**
   * Returns the content of the first PEM block if it is a well-formed {@code label} block, or null
   * for anything else (another label, headers, broken base64), which Bouncy Castle then reads or
   * explains.
   */
  private static byte[] der(String pem, String label) {
    String begin = "-----BEGIN " + label + "-----";
    int start = pem.indexOf("-----BEGIN ");
    if (start < 0 || !pem.startsWith(begin, start)) {
      return null;
    }
    int end = pem.indexOf("-----END " + label + "-----", start + begin.length());
    if (end < 0) {
      return null;
    }
    try {
      return Base64.getMimeDecoder().decode(pem.substring(start + begin.length(), end));
    } catch (IllegalArgumentException notBase64) {
      return null;
    }
  }
}
