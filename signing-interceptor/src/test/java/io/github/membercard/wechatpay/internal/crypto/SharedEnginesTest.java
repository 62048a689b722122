package io.github.membercard.wechatpay.internal.crypto;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.membercard.wechatpay.WechatPayDecryptionException;
import io.github.membercard.wechatpay.testing.TestKeys;
import java.security.KeyPair;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * The pooled RSA and AES-GCM engines, shared by every thread: many callers at once, on virtual
 * threads where the JDK has them (one per task, as a server gives one per request) and on platform
 * threads otherwise, get the responses a fresh engine would give, under keys that change from one
 * call to the next.
 */
class SharedEnginesTest {

  private static final KeyPair FIRST = TestKeys.rsa();
  private static final KeyPair SECOND = TestKeys.rsa();
  private static final String API_V3_KEY = "a7cde1ZJB1kG2e0sfR4ch6yV8x0s0x2F";
  private static final int TASKS = 200;

  @Test
  void concurrentRoundTripsUnderChangingKeysAllComeOutRight() throws Exception {
    AeadAes256Gcm aes = new AeadAes256Gcm(API_V3_KEY);
    AtomicInteger checked = new AtomicInteger();
    List<Callable<Void>> tasks = new ArrayList<>();
    for (int i = 0; i < TASKS; i++) {
      int task = i;
      tasks.add(
          () -> {
            KeyPair own = task % 2 == 0 ? FIRST : SECOND;
            KeyPair other = own == FIRST ? SECOND : FIRST;
            byte[] message = ("POST\n/v3/x\n" + task + "\nnonce\n{}\n").getBytes(UTF_8);
            String signature = RsaSha256.sign(own.getPrivate(), message);
            assertTrue(RsaSha256.verify(own.getPublic(), message, signature), "task " + task);
            assertFalse(RsaSha256.verify(other.getPublic(), message, signature), "task " + task);

            String phone = "138" + String.format("%08d", task);
            String ciphertext = RsaOaep.encrypt(own.getPublic(), phone);
            assertEquals(phone, RsaOaep.decrypt(own.getPrivate(), ciphertext), "task " + task);
            assertThrows(
                WechatPayDecryptionException.class,
                () -> RsaOaep.decrypt(other.getPrivate(), ciphertext));

            String nonce = String.format("%012d", task);
            String resource = aes.encrypt(nonce, "transaction", "{\"task\":" + task + "}");
            assertEquals("{\"task\":" + task + "}", aes.decrypt(nonce, "transaction", resource));
            checked.incrementAndGet();
            return null;
          });
    }
    ExecutorService callers = callers();
    try {
      for (Future<Void> result : callers.invokeAll(tasks)) {
        result.get(); // rethrows a task's failed assertion
      }
    } finally {
      callers.shutdown();
      assertTrue(callers.awaitTermination(1, TimeUnit.MINUTES), "the callers did not finish");
    }
    assertEquals(TASKS, checked.get());
  }

  @Test
  void anEngineGivenBackIsTakenAgainAndFollowsTheNextKey() {
    EnginePool<Object> pool = new EnginePool<>(Object::new);
    Object engine = pool.take();
    assertNotSame(engine, pool.take(), "none idle: a new one");
    pool.give(engine);
    assertSame(engine, pool.take(), "the idle one, not a new one");

    // One thread, one pooled engine per direction: each call under another key than the last.
    byte[] message = "GET\n/v3/x\n1\nnonce\n\n".getBytes(UTF_8);
    for (int round = 0; round < 3; round++) {
      String byFirst = RsaSha256.sign(FIRST.getPrivate(), message);
      String bySecond = RsaSha256.sign(SECOND.getPrivate(), message);
      assertTrue(RsaSha256.verify(FIRST.getPublic(), message, byFirst));
      assertFalse(RsaSha256.verify(FIRST.getPublic(), message, bySecond));
      assertTrue(RsaSha256.verify(SECOND.getPublic(), message, bySecond));
    }
  }

  @Test
  void thePoolKeepsNoMoreThanItsLimitIdle() {
    AtomicInteger built = new AtomicInteger();
    EnginePool<Object> pool = new EnginePool<>(() -> built.incrementAndGet());
    List<Object> taken = new ArrayList<>();
    for (int i = 0; i < EnginePool.MAX_IDLE + 10; i++) {
      taken.add(pool.take());
    }
    taken.forEach(pool::give);
    for (int i = 0; i < EnginePool.MAX_IDLE; i++) {
      pool.take();
    }
    int before = built.get();
    pool.take();
    assertEquals(before + 1, built.get(), "the ones given back beyond the limit were let go");
  }

  /** One virtual thread per task where the JDK has them (21 and later), else platform threads. */
  private static ExecutorService callers() throws Exception {
    try {
      return (ExecutorService)
          Executors.class.getMethod("newVirtualThreadPerTaskExecutor").invoke(null);
    } catch (NoSuchMethodException e) {
      return Executors.newFixedThreadPool(32);
    }
  }
}
