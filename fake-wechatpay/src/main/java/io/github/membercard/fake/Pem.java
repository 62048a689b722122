package io.github.membercard.fake;

import java.security.Key;
import java.util.Base64;

/**
 * PEM text of a key's standard encoding (PKCS#8 for private keys, X.509 SubjectPublicKeyInfo for
 * public keys).
 */
final class Pem {

  private Pem() {}

  static String of(Key key) {
    String type = key instanceof java.security.PrivateKey ? "PRIVATE KEY" : "PUBLIC KEY";
    return "-----BEGIN "
        + type
        + "-----\n"
        + Base64.getMimeEncoder(64, new byte[] {'\n'}).encodeToString(key.getEncoded())
        + "\n-----END "
        + type
        + "-----\n";
  }
}
