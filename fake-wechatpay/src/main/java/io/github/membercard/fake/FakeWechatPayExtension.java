package io.github.membercard.fake;

import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * Runs a {@link FakeWechatPay} for JUnit 5 tests, registered and built the way WireMock's {@code
 * WireMockExtension} is, but not a subclass of it: that extension starts a server from options it
 * holds and resets it to WireMock's default mappings in final callbacks, while the fake's server is
 * built around its throwaway keys and request checks and has to be stubbed again from the spec
 * after each reset.
 *
 * <p>On a static field one fake serves the whole class: started before the first test, reset before
 * each (received requests, responses, faults and list sizes forgotten), stopped after the last. On
 * an instance field each test gets a fake of its own, with fresh keys, stopped after the test;
 * under {@code @TestInstance(PER_CLASS)} the one test instance gets one fake, as on a static field.
 * Either way {@link #fake()} returns the running fake, and a test method's {@code FakeWechatPay}
 * parameter is that fake. {@code newInstance().keyMode(KeyMode.PLATFORM_CERTIFICATES).build()} runs
 * fakes with platform certificates. The fake's state and members ({@link FakeWechatPay#state},
 * {@link FakeWechatPay#members()}) are reset before each test with the rest.
 *
 * <pre>{@code
 * @RegisterExtension
 * static FakeWechatPayExtension wechatPay = FakeWechatPayExtension.newInstance().build();
 *
 * @Test
 * void syncsPoints(FakeWechatPay fake) {
 *   BrandUserCardsApi api = fake.clientBuilder().build(BrandUserCardsApi.class);
 *   ...
 * }
 * }</pre>
 */
public final class FakeWechatPayExtension
    implements BeforeAllCallback,
        BeforeEachCallback,
        AfterEachCallback,
        AfterAllCallback,
        ParameterResolver {

  private final FakeWechatPay.Builder fakes;
  private FakeWechatPay fake;
  private boolean perTest;

  private FakeWechatPayExtension(Builder builder) {
    this.fakes = builder.fakes;
  }

  /**
   * Returns a new builder of the extension, as {@code WireMockExtension.newInstance()} starts one
   * of WireMock's.
   *
   * @return a builder for the extension, with a fake on any free loopback port unless told
   *     otherwise
   */
  public static Builder newInstance() {
    return new Builder();
  }

  /**
   * Returns the fake this extension runs for the current test.
   *
   * @return the running fake
   * @throws IllegalStateException outside the tests it runs for: on a static field, from before the
   *     first test to after the last; on an instance field, from before each test to after it
   */
  public FakeWechatPay fake() {
    if (fake == null) {
      throw new IllegalStateException(
          "No fake is running: a static field's runs for the whole class, an instance"
              + " field's for each test");
    }
    return fake;
  }

  /**
   * JUnit calls this for an extension on a static field, or on an instance field under
   * {@code @TestInstance(PER_CLASS)}; by default it registers an instance field's only after the
   * class callbacks. It calls it, and {@link #afterAll}, again for each {@code @Nested} class: as
   * with WireMock's extension, the first nested class uses the fake already running, and stops it
   * when it ends; the next starts another.
   */
  @Override
  public void beforeAll(ExtensionContext context) {
    if (fake == null) {
      fake = start();
    }
  }

  /**
   * No fake yet means no {@link #beforeAll} call, hence an instance field: the fake is this test's
   * own.
   */
  @Override
  public void beforeEach(ExtensionContext context) {
    if (fake == null) {
      perTest = true;
      fake = start();
    } else {
      fake.reset();
    }
  }

  @Override
  public void afterEach(ExtensionContext context) {
    if (perTest) {
      stop();
    }
  }

  @Override
  public void afterAll(ExtensionContext context) {
    stop();
  }

  @Override
  public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
    return parameter.getParameter().getType() == FakeWechatPay.class;
  }

  @Override
  public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
    return fake();
  }

  private FakeWechatPay start() {
    return fakes.start();
  }

  private void stop() {
    if (fake != null) {
      fake.close();
      fake = null;
    }
  }

  /** Options for the fake the extension runs. */
  public static final class Builder {

    private final FakeWechatPay.Builder fakes = FakeWechatPay.builder();

    private Builder() {}

    /**
     * Sets the loopback port of the fake; a port outside 0 to 65535 is an {@link
     * IllegalArgumentException}.
     *
     * @param port the loopback port the fake listens on; 0, the default, for any free one. On an
     *     instance field every test's fake takes this port in turn.
     * @return this builder
     */
    public Builder port(int port) {
      fakes.port(port);
      return this;
    }

    /**
     * Sets which WeChat Pay keys the fake has, as {@link FakeWechatPay.Builder#keyMode} does.
     *
     * @param keyMode a public key (the default), platform certificates, or both
     * @return this builder
     */
    public Builder keyMode(KeyMode keyMode) {
      fakes.keyMode(keyMode);
      return this;
    }

    /**
     * Makes the fake's state strict, as {@link FakeWechatPay.Builder#strictState} does.
     *
     * @param strict whether items never written are unknown ({@code 404 RESOURCE_NOT_EXISTS})
     * @return this builder
     */
    public Builder strictState(boolean strict) {
      fakes.strictState(strict);
      return this;
    }

    /**
     * Sets where the members' notifications go when the merchant set no notify URL, as {@link
     * FakeWechatPay.Builder#notifyUrl(String)} does.
     *
     * @param url an absolute http or https URL
     * @return this builder
     */
    public Builder notifyUrl(String url) {
      fakes.notifyUrl(url);
      return this;
    }

    /**
     * Compresses WeChat Pay's redelivery schedule, as {@link
     * FakeWechatPay.Builder#redeliveryTimeScale} does.
     *
     * @param scale the factor on every interval, above 0, such as 0.001
     * @return this builder
     */
    public Builder redeliveryTimeScale(double scale) {
      fakes.redeliveryTimeScale(scale);
      return this;
    }

    /**
     * Keeps the fake's keys in a directory, the same on every start, as {@link
     * FakeWechatPay.Builder#keysDirectory} does.
     *
     * @param directory where the keys are kept
     * @return this builder
     */
    public Builder keysDirectory(java.nio.file.Path directory) {
      fakes.keysDirectory(directory);
      return this;
    }

    /**
     * Builds the extension; it starts no fake until JUnit calls it.
     *
     * @return the extension, to register with {@code @RegisterExtension}
     */
    public FakeWechatPayExtension build() {
      return new FakeWechatPayExtension(this);
    }
  }
}
