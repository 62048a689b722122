package io.github.membercard.wechatpay.internal.http;

import feign.FeignException;
import feign.InvocationHandlerFactory;
import feign.Target;
import io.github.membercard.wechatpay.WechatPayException;
import io.github.membercard.wechatpay.WechatPayRequestException;
import io.github.membercard.wechatpay.http.OperationParams;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.reflect.InvocationHandler;
import java.lang.reflect.Method;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Makes every failure of a generated API call a {@link WechatPayException}: a {@code null} argument
 * is refused before Feign sees it; Feign wraps what its encoder and decoder throw in its own
 * exceptions, and this hands the runtime's typed failure back, or wraps a library's failure
 * (Feign's, Jackson's, the JDK's I/O) in one that names the call.
 */
public final class TypedFailures implements InvocationHandlerFactory {

  private final InvocationHandlerFactory delegate;

  /**
   * Types the failures of the handlers another factory creates.
   *
   * @param delegate creates the handlers that make the calls
   */
  public TypedFailures(InvocationHandlerFactory delegate) {
    this.delegate = Objects.requireNonNull(delegate, "delegate");
  }

  @Override
  @SuppressWarnings("rawtypes") // Feign's interface takes a raw Target
  public InvocationHandler create(Target target, Map<Method, MethodHandler> dispatch) {
    InvocationHandler handler = delegate.create(target, dispatch);
    return (proxy, method, args) -> {
      if (args != null
          && args.length == 1
          && args[0] == null
          && method.getDeclaringClass() != Object.class) {
        throw new WechatPayRequestException(
            method.getName(), List.of(argumentName(method) + ": missing"));
      }
      try {
        return handler.invoke(proxy, method, args);
      } catch (WechatPayException e) {
        throw e;
      } catch (FeignException | IOException | UncheckedIOException e) {
        throw WechatPayException.causeOf(e)
            .orElseGet(
                () ->
                    new WechatPayException(
                        method.getDeclaringClass().getSimpleName()
                            + "."
                            + method.getName()
                            + " failed: "
                            + e.getMessage(),
                        e));
      }
    };
  }

  /** Names a method's one argument as a caller knows it: its params object or its body. */
  private static String argumentName(Method method) {
    Class<?> type = method.getParameterTypes()[0];
    return (OperationParams.class.isAssignableFrom(type) ? "params (" : "body (")
        + type.getSimpleName()
        + ")";
  }
}
