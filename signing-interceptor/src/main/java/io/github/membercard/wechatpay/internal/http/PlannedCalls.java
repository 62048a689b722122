package io.github.membercard.wechatpay.internal.http;

import feign.Client;
import feign.Contract;
import feign.DefaultContract;
import feign.DefaultInvocationHandlerFactory;
import feign.InvocationHandlerFactory;
import feign.MethodMetadata;
import feign.Request;
import feign.Response;
import feign.Target;
import feign.Util;
import feign.codec.DecodeException;
import feign.codec.Decoder;
import feign.codec.ErrorDecoder;
import io.github.membercard.wechatpay.WechatPayException;
import io.github.membercard.wechatpay.http.OperationParams;
import io.github.membercard.wechatpay.internal.auth.WechatPayProtocol;
import java.lang.reflect.InvocationHandler;
import java.lang.reflect.Method;
import java.lang.reflect.Type;
import java.nio.charset.StandardCharsets;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * Makes each call of an API method from a plan drawn up once, when the API is created: its HTTP
 * method, fixed headers, return type and metadata. A call writes its target and body (through the
 * encoder) into one {@link Request}, sends it down the same client chain and decodes the response
 * as Feign's own method handler does, without building, resolving and copying a request template on
 * every call, which was the largest per-call cost above the RSA work. A method of another shape
 * (parameters Feign expands, a header or path with expressions, a raw {@link Response} returned)
 * goes to Feign's handler, configured alike.
 */
public final class PlannedCalls implements InvocationHandlerFactory {

  private static final Contract CONTRACT = new DefaultContract();

  private final Client client;
  private final Request.Options options;
  private final WechatPayEncoder encoder;
  private final Decoder decoder;
  private final ErrorDecoder errorDecoder;
  private final InvocationHandlerFactory feign = new DefaultInvocationHandlerFactory();

  /**
   * Creates the factory over the parts Feign is built with.
   *
   * @param client the client chain every call goes down
   * @param options the timeouts of every call
   * @param encoder writes each call's target and body
   * @param decoder reads a successful response
   * @param errorDecoder turns any other response into its exception
   */
  public PlannedCalls(
      Client client,
      Request.Options options,
      WechatPayEncoder encoder,
      Decoder decoder,
      ErrorDecoder errorDecoder) {
    this.client = Objects.requireNonNull(client, "client");
    this.options = Objects.requireNonNull(options, "options");
    this.encoder = Objects.requireNonNull(encoder, "encoder");
    this.decoder = Objects.requireNonNull(decoder, "decoder");
    this.errorDecoder = Objects.requireNonNull(errorDecoder, "errorDecoder");
  }

  @Override
  @SuppressWarnings("rawtypes") // Feign's interface takes a raw Target
  public InvocationHandler create(Target target, Map<Method, MethodHandler> dispatch) {
    InvocationHandler byFeign = feign.create(target, dispatch);
    Map<Method, Plan> plans = new HashMap<>();
    for (MethodMetadata metadata : CONTRACT.parseAndValidateMetadata(target.type())) {
      if (plannable(metadata)) {
        plans.put(metadata.method(), new Plan(metadata, target.url()));
      }
    }
    return (proxy, method, args) -> {
      Plan plan = plans.get(method);
      return plan == null ? byFeign.invoke(proxy, method, args) : call(plan, args);
    };
  }

  /**
   * Whether a method can be planned: no argument, or one that is its body (an operation's params,
   * which give the path and query, or a model); headers, and a path the params do not give, without
   * expressions for Feign to expand; and a return value to decode or none.
   */
  static boolean plannable(MethodMetadata metadata) {
    Method method = metadata.method();
    boolean params =
        method.getParameterCount() == 1
            && OperationParams.class.isAssignableFrom(method.getParameterTypes()[0]);
    boolean argumentIsBody =
        method.getParameterCount() == 0
            || (method.getParameterCount() == 1
                && Integer.valueOf(0).equals(metadata.bodyIndex())
                && metadata.indexToName().isEmpty());
    return method.getDeclaringClass() != Object.class
        && metadata.template().method() != null
        && argumentIsBody
        && metadata.returnType() != Response.class
        && (params || !metadata.template().url().contains("{"))
        && metadata.template().headers().values().stream()
            .flatMap(Collection::stream)
            .noneMatch(value -> value.contains("{"));
  }

  private Object call(Plan plan, Object[] args) throws Exception {
    Object argument = args == null || args.length == 0 ? null : args[0];
    WechatPayEncoder.Encoded encoded =
        encoder.encode(plan.metadata.method(), argument, plan.metadata.bodyType());
    Map<String, Collection<String>> headers = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
    headers.putAll(plan.headers);
    headers.put(WechatPayProtocol.WECHATPAY_SERIAL, List.of(encoded.serial()));
    if (encoded.body() != null) {
      // As Feign's template declares it: a transport that streams the body needs the length.
      headers.put(Util.CONTENT_LENGTH, List.of(Integer.toString(encoded.body().length)));
    }
    Request request =
        Request.create(
            plan.method,
            encoded.target() == null ? plan.url : plan.baseUrl + encoded.target(),
            headers,
            encoded.body(),
            StandardCharsets.UTF_8,
            plan.metadata.template());
    Response response = client.execute(request, options);
    try {
      if (!VerifyingClient.isSuccess(response.status())) {
        throw errorDecoder.decode(plan.metadata.configKey(), response);
      }
      if (plan.returnsNothing) {
        return null;
      }
      return decoder.decode(response, plan.metadata.returnType());
    } catch (WechatPayException e) {
      throw e;
    } catch (RuntimeException e) {
      // What Feign's handler makes of it, so that one place types every failure.
      throw new DecodeException(response.status(), e.getMessage(), request, e);
    } finally {
      Util.ensureClosed(response.body());
    }
  }

  /** What every call of one method shares. */
  private static final class Plan {

    private final MethodMetadata metadata;
    private final Request.HttpMethod method;
    private final String baseUrl;
    private final String url;
    private final Map<String, Collection<String>> headers;
    private final boolean returnsNothing;

    private Plan(MethodMetadata metadata, String baseUrl) {
      this.metadata = metadata;
      this.method = Request.HttpMethod.valueOf(metadata.template().method());
      this.baseUrl = baseUrl;
      this.url = baseUrl + metadata.template().url();
      Map<String, Collection<String>> fixed = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
      fixed.putAll(metadata.template().headers());
      this.headers = fixed;
      Type returnType = metadata.returnType();
      this.returnsNothing = returnType == void.class || returnType == Void.class;
    }
  }
}
