package io.github.membercard.benchmarks;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.Signature;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * The floor of any call: one RSA-2048 SHA256withRSA signature (the request) and one verification
 * (the response), straight through the JDK with engines kept per thread.
 */
@State(Scope.Thread)
public class FloorBenchmark {

  private static final byte[] REQUEST =
      ("POST\n/v3/brand/partner/card-member/user-points/sync\n1554208460\n"
              + "593BEC0C930BF1AFEB40B4A08C8FB242\n"
              + Shape.POST_JSON.answer
              + "\n")
          .getBytes(StandardCharsets.UTF_8);
  private static final byte[] ANSWER =
      ("1554208460\n593BEC0C930BF1AFEB40B4A08C8FB242\n" + Shape.GET.answer + "\n")
          .getBytes(StandardCharsets.UTF_8);

  private Signature signer;
  private Signature verifier;
  private byte[] responseSignature;

  @Setup(Level.Trial)
  public void keys() throws GeneralSecurityException {
    Fixture fixture = Fixture.shared();
    signer = Signature.getInstance("SHA256withRSA");
    signer.initSign(fixture.merchantKey());
    Signature wechatPay = Signature.getInstance("SHA256withRSA");
    wechatPay.initSign(fixture.wechatPayKey());
    wechatPay.update(ANSWER);
    responseSignature = wechatPay.sign();
    verifier = Signature.getInstance("SHA256withRSA");
    verifier.initVerify(fixture.wechatPayPublicKey());
  }

  @Benchmark
  public boolean signAndVerify() throws GeneralSecurityException {
    signer.update(REQUEST);
    byte[] signature = signer.sign();
    verifier.update(ANSWER);
    return verifier.verify(responseSignature) && signature.length == 256;
  }
}
