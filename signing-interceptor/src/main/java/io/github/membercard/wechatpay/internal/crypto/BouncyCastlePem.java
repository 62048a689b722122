package io.github.membercard.wechatpay.internal.crypto;

import io.github.membercard.wechatpay.WechatPayConfigurationException;
import io.github.membercard.wechatpay.crypto.PemSource;
import java.io.IOException;
import java.io.StringReader;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import org.bouncycastle.asn1.pkcs.PrivateKeyInfo;
import org.bouncycastle.asn1.x509.SubjectPublicKeyInfo;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.openssl.PEMKeyPair;
import org.bouncycastle.openssl.PEMParser;
import org.bouncycastle.openssl.jcajce.JcaPEMKeyConverter;

/**
 * Parses PEM key material with Bouncy Castle's PEM reader, converting through the JDK's own
 * providers: no security provider is registered. Every failure names the source and the problem.
 * {@link PemKeys} comes here only for what the JDK cannot read (PKCS#1 keys) and to explain input
 * it refuses, so Bouncy Castle stays off the start-up path of the usual PKCS#8 keys.
 */
final class BouncyCastlePem {

  private static final JcaPEMKeyConverter KEYS = new JcaPEMKeyConverter();
  private static final JcaX509CertificateConverter CERTIFICATES = new JcaX509CertificateConverter();

  private BouncyCastlePem() {}

  /** As {@link PemKeys#privateKey}. */
  static PrivateKey privateKey(PemSource source, String pem) {
    Object parsed = parse(source, pem);
    PrivateKey key;
    try {
      if (parsed instanceof PrivateKeyInfo info) {
        key = KEYS.getPrivateKey(info);
      } else if (parsed instanceof PEMKeyPair pair) {
        key = KEYS.getKeyPair(pair).getPrivate();
      } else {
        throw wrongType(source, parsed, "a private key (PRIVATE KEY or RSA PRIVATE KEY)");
      }
    } catch (IOException e) {
      throw new WechatPayConfigurationException(
          "pem", source + " holds a private key that cannot be decoded", e);
    }
    return RsaKeys.requireStrong(key, source.toString());
  }

  /** As {@link PemKeys#publicKey}. */
  static PublicKey publicKey(PemSource source, String pem) {
    Object parsed = parse(source, pem);
    if (!(parsed instanceof SubjectPublicKeyInfo info)) {
      throw wrongType(source, parsed, "a public key (PUBLIC KEY)");
    }
    try {
      return RsaKeys.requireStrong(KEYS.getPublicKey(info), source.toString());
    } catch (IOException e) {
      throw new WechatPayConfigurationException(
          "pem", source + " holds a public key that cannot be decoded", e);
    }
  }

  /** As {@link PemKeys#certificate}. */
  static X509Certificate certificate(PemSource source, String pem) {
    Object parsed = parse(source, pem);
    if (!(parsed instanceof X509CertificateHolder holder)) {
      throw wrongType(source, parsed, "an X.509 certificate (CERTIFICATE)");
    }
    try {
      X509Certificate certificate = CERTIFICATES.getCertificate(holder);
      RsaKeys.requireRsa(certificate.getPublicKey(), source.toString());
      return certificate;
    } catch (CertificateException e) {
      throw new WechatPayConfigurationException(
          "pem", source + " holds a certificate that cannot be decoded", e);
    }
  }

  private static Object parse(PemSource source, String pem) {
    try (PEMParser parser = new PEMParser(new StringReader(pem))) {
      Object parsed = parser.readObject();
      if (parsed == null) {
        throw new WechatPayConfigurationException(
            "pem", source + " is not PEM: no -----BEGIN ...----- block found");
      }
      return parsed;
    } catch (IOException | IllegalArgumentException e) {
      throw new WechatPayConfigurationException(
          "pem", source + " is not valid PEM: " + e.getMessage(), e);
    }
  }

  private static WechatPayConfigurationException wrongType(
      PemSource source, Object parsed, String expected) {
    return new WechatPayConfigurationException(
        "pem", source + " holds " + describe(parsed) + ", but " + expected + " is needed");
  }

  private static String describe(Object parsed) {
    if (parsed instanceof PrivateKeyInfo || parsed instanceof PEMKeyPair) {
      return "a private key";
    }
    if (parsed instanceof SubjectPublicKeyInfo) {
      return "a public key";
    }
    if (parsed instanceof X509CertificateHolder) {
      return "a certificate";
    }
    return "an unsupported PEM object ("
        + parsed.getClass().getSimpleName()
        + "; encrypted keys must be decrypted first)";
  }
}
