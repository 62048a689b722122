package io.github.membercard.spring;

import feign.RequestLine;
import io.github.membercard.wechatpay.WechatPayApiException;
import io.github.membercard.wechatpay.WechatPayClient;
import io.github.membercard.wechatpay.WechatPayException;
import io.github.membercard.wechatpay.WechatPayTransportException;
import io.github.membercard.wechatpay.WechatPayVerificationException;
import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationRegistry;
import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.util.function.Supplier;
import org.springframework.beans.BeansException;

/**
 * An API interface's bean: each call is an {@link Observation} named {@value #NAME}, tagged with
 * what the interface declares (operation, HTTP method, path template) and how the call ended
 * (outcome, status, failure kind), never with a value the call carries (no card code, openid or
 * other personal data); then it goes to the {@link WechatPayClient}'s implementation, made on the
 * first call.
 */
final class ObservedApi implements InvocationHandler {

  /** The observation's name; its timer has the same name. */
  static final String NAME = "membercard.call";

  private final Class<?> api;
  private final Supplier<WechatPayClient> clients;
  private final ObservationRegistry observations;
  private volatile Object target;

  private ObservedApi(
      Class<?> api, Supplier<WechatPayClient> clients, ObservationRegistry observations) {
    this.api = api;
    this.clients = clients;
    this.observations = observations;
  }

  static <T> T create(
      Class<T> api, Supplier<WechatPayClient> clients, ObservationRegistry observations) {
    return api.cast(
        Proxy.newProxyInstance(
            api.getClassLoader(),
            new Class<?>[] {api},
            new ObservedApi(api, clients, observations)));
  }

  @Override
  public Object invoke(Object proxy, Method method, Object[] args) throws Throwable {
    if (method.getDeclaringClass() == Object.class) {
      return switch (method.getName()) {
        case "equals" -> proxy == args[0];
        case "hashCode" -> System.identityHashCode(proxy);
        default -> api.getSimpleName() + " of the auto-configured WechatPayClient";
      };
    }
    RequestLine line = method.getAnnotation(RequestLine.class);
    String[] methodAndPath =
        line == null ? new String[] {"NONE", "none"} : line.value().split(" ", 2);
    Observation observation =
        Observation.createNotStarted(NAME, observations)
            .contextualName("wechatpay " + method.getName())
            .lowCardinalityKeyValue("operation", method.getName())
            .lowCardinalityKeyValue("http.method", methodAndPath[0])
            .lowCardinalityKeyValue("uri", methodAndPath[1].split("\\?", 2)[0].strip())
            .start();
    Observation.Scope scope = observation.openScope();
    try {
      Object result = method.invoke(target(), args);
      ended(observation, "SUCCESS", "2xx", "none");
      return result;
    } catch (InvocationTargetException e) {
      Throwable failure = e.getCause();
      failed(observation, failure);
      throw failure;
    } catch (WechatPayException e) {
      failed(observation, e);
      throw e;
    } finally {
      scope.close();
      observation.stop();
    }
  }

  private Object target() {
    Object current = target;
    if (current == null) {
      WechatPayClient client;
      try {
        client = clients.get();
      } catch (BeansException e) {
        // The client bean failed to build, such as a certificate download: the runtime's type.
        throw WechatPayException.causeOf(e).orElseThrow(() -> e);
      }
      current = client.create(api);
      target = current;
    }
    return current;
  }

  private static void failed(Observation observation, Throwable failure) {
    observation.error(failure);
    if (failure instanceof WechatPayApiException apiFailure) {
      int status = apiFailure.status();
      ended(
          observation,
          status >= 500 ? "SERVER_ERROR" : "CLIENT_ERROR",
          String.valueOf(status),
          "API_ERROR");
    } else if (failure instanceof WechatPayTransportException transport) {
      ended(observation, "TRANSPORT_ERROR", "none", transport.failure().name());
    } else if (failure instanceof WechatPayVerificationException verification) {
      ended(observation, "VERIFICATION_ERROR", "none", verification.reason().name());
    } else {
      ended(observation, "UNKNOWN", "none", failure.getClass().getSimpleName());
    }
  }

  private static void ended(Observation observation, String outcome, String status, String kind) {
    observation
        .lowCardinalityKeyValue("outcome", outcome)
        .lowCardinalityKeyValue("status", status)
        .lowCardinalityKeyValue("failure.kind", kind);
  }
}
