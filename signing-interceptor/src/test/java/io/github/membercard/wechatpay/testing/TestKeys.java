package io.github.membercard.wechatpay.testing;

import io.github.membercard.wechatpay.crypto.PemSource;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.Date;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.openssl.jcajce.JcaPEMWriter;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/** Throwaway RSA keys and certificates for tests, and their PEM forms. */
public final class TestKeys {

  private TestKeys() {}

  public static KeyPair rsa() {
    return rsa(2048);
  }

  /** An RSA key pair of {@code bits} bits; 1024 for a key WeChat Pay APIv3 must refuse. */
  public static KeyPair rsa(int bits) {
    try {
      KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
      generator.initialize(bits);
      return generator.generateKeyPair();
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }

  public static X509Certificate certificate(
      KeyPair keys, BigInteger serial, Instant notBefore, Instant notAfter) {
    try {
      X500Name name = new X500Name("CN=Test, O=Test");
      JcaX509v3CertificateBuilder builder =
          new JcaX509v3CertificateBuilder(
              name, serial, Date.from(notBefore), Date.from(notAfter), name, keys.getPublic());
      return new JcaX509CertificateConverter()
          .getCertificate(
              builder.build(new JcaContentSignerBuilder("SHA256withRSA").build(keys.getPrivate())));
    } catch (GeneralSecurityException | OperatorCreationException e) {
      throw new IllegalStateException(e);
    }
  }

  /**
   * Writes a key or certificate as PEM, with Bouncy Castle's PEM writer.
   *
   * @return the PEM of a key or certificate, as OpenSSL writes it
   */
  public static String pem(Object keyOrCertificate) {
    StringWriter out = new StringWriter();
    try (JcaPEMWriter writer = new JcaPEMWriter(out)) {
      writer.writeObject(keyOrCertificate);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out.toString();
  }

  public static PemSource pemSource(Object keyOrCertificate) {
    return PemSource.text(pem(keyOrCertificate));
  }
}
