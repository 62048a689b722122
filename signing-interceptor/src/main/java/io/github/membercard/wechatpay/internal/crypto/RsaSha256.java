package io.github.membercard.wechatpay.internal.crypto;

import java.security.GeneralSecurityException;
import java.security.Key;
import java.security.NoSuchAlgorithmException;
import java.security.PrivateKey;
import java.security.Provider;
import java.security.PublicKey;
import java.security.Signature;
import java.security.SignatureException;
import java.util.Base64;

/**
 * SHA256withRSA (PKCS#1 v1.5), the signature of APIv3 requests, answers and notifications. The JDK
 * provider is resolved once, and {@link Signature} engines for signing and for verifying are pooled
 * ({@link EnginePool}), each initialised again only when the key it is used with changes: a call
 * neither searches providers nor rebuilds an engine, on a platform thread or a virtual one.
 */
public final class RsaSha256 {

  private static final String ALGORITHM = "SHA256withRSA";
  private static final Provider PROVIDER = resolveProvider();

  private static final EnginePool<Engine> SIGNERS = new EnginePool<>(Engine::new);
  private static final EnginePool<Engine> VERIFIERS = new EnginePool<>(Engine::new);

  private RsaSha256() {}

  /**
   * Signs a message with SHA256withRSA.
   *
   * @param key the signing key
   * @param message the bytes to sign
   * @return the Base64 signature
   */
  public static String sign(PrivateKey key, byte[] message) {
    Engine engine = SIGNERS.take();
    try {
      Signature signature = engine.under(key);
      signature.update(message);
      return Base64.getEncoder().encodeToString(signature.sign());
    } catch (GeneralSecurityException e) {
      engine.forget();
      throw new IllegalStateException("SHA256withRSA signing failed", e);
    } finally {
      SIGNERS.give(engine);
    }
  }

  /**
   * Verifies a SHA256withRSA signature; a key that cannot verify is an {@link
   * IllegalStateException}, not {@code false}.
   *
   * @param key the key that should have signed
   * @param message the signed bytes
   * @param base64Signature the signature as sent
   * @return whether the signature is valid; {@code false} for a malformed signature too
   */
  public static boolean verify(PublicKey key, byte[] message, String base64Signature) {
    byte[] signatureBytes;
    try {
      signatureBytes = Base64.getDecoder().decode(base64Signature);
    } catch (IllegalArgumentException e) {
      return false;
    }
    Engine engine = VERIFIERS.take();
    try {
      Signature signature = engine.under(key);
      signature.update(message);
      return signature.verify(signatureBytes);
    } catch (SignatureException e) {
      engine.forget();
      return false;
    } catch (GeneralSecurityException e) {
      engine.forget();
      throw new IllegalStateException("SHA256withRSA verification failed", e);
    } finally {
      VERIFIERS.give(engine);
    }
  }

  private static Provider resolveProvider() {
    try {
      return Signature.getInstance(ALGORITHM).getProvider();
    } catch (NoSuchAlgorithmException e) {
      throw new ExceptionInInitializerError(e);
    }
  }

  /**
   * One {@link Signature}, used by one thread at a time, and the key it was last initialised with.
   * {@code sign()} and {@code verify()} leave it initialised with that key, so the next call under
   * the same key starts at once; after a failure it is initialised afresh.
   */
  private static final class Engine {

    private final Signature signature;
    private Key key;

    Engine() {
      try {
        signature = Signature.getInstance(ALGORITHM, PROVIDER);
      } catch (NoSuchAlgorithmException e) {
        throw new IllegalStateException(ALGORITHM + " is missing from " + PROVIDER, e);
      }
    }

    /** Returns the engine ready to sign under a private key, or to verify under a public one. */
    Signature under(Key wanted) throws GeneralSecurityException {
      if (key != wanted) {
        key = null;
        if (wanted instanceof PrivateKey privateKey) {
          signature.initSign(privateKey);
        } else {
          signature.initVerify((PublicKey) wanted);
        }
        key = wanted;
      }
      return signature;
    }

    void forget() {
      key = null;
    }
  }
}
