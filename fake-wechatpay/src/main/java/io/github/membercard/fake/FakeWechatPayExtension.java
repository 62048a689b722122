package io.github.membercard.fake;

import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * Runs a {@link FakeWechatPay} for a test class: started before the first test, reset before each
 * (received requests, answers and faults forgotten), stopped after the last. Register it on a static
 * field, or take a {@code FakeWechatPay} as a test method parameter.
 *
 * <pre>{@code
 * @RegisterExtension
 * static FakeWechatPayExtension wechatPay = new FakeWechatPayExtension();
 *
 * @Test
 * void syncsPoints() {
 *   BrandUserCardsApi api = wechatPay.fake().clientBuilder().build(BrandUserCardsApi.class);
 *   ...
 * }
 * }</pre>
 */
public final class FakeWechatPayExtension
    implements BeforeAllCallback, BeforeEachCallback, AfterAllCallback, ParameterResolver {

  private FakeWechatPay fake;

  /** @return the running fake */
  public FakeWechatPay fake() {
    if (fake == null) {
      throw new IllegalStateException("The fake starts before the first test; register the extension on a static field");
    }
    return fake;
  }

  @Override
  public void beforeAll(ExtensionContext context) {
    fake = FakeWechatPay.start();
  }

  @Override
  public void beforeEach(ExtensionContext context) {
    fake().reset();
  }

  @Override
  public void afterAll(ExtensionContext context) {
    if (fake != null) {
      fake.close();
      fake = null;
    }
  }

  @Override
  public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
    return parameter.getParameter().getType() == FakeWechatPay.class;
  }

  @Override
  public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
    return fake();
  }
}
