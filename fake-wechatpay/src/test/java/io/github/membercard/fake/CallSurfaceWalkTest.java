package io.github.membercard.fake;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import io.github.membercard.client.MemberCardApis;
import io.github.membercard.wechatpay.WechatPayApiException;
import io.github.membercard.wechatpay.WechatPayClient;
import io.github.membercard.wechatpay.WechatPayRequestException;
import io.github.membercard.wechatpay.http.OperationParams;
import java.lang.reflect.Field;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Walks every operation of every generated interface through the fake, which knows the spec: every
 * path and query parameter given hostile values reaches the operation it was given to and decodes
 * to exactly the value given; every required member left out is refused before anything is sent.
 */
class CallSurfaceWalkTest {

  /** Values that must each stay one path segment or one query value. */
  private static final List<String> HOSTILE =
      List.of(
          "a/b",
          "../../callback",
          "%2F%2e%2e",
          "%",
          "?q=1&r=2",
          "#fragment",
          "+ +",
          "=&;,",
          "会员卡",
          // No NUL: the fake's HTTP server (Jetty) refuses %00 before any operation sees it.
          "tab\tline\r\nesc\u001b\u007f",
          "XXIzTtMqCxwOaawoE91+VJdsFmv7b8g0VZIZkqf4GWA60Fzpc8ksZ/5ZZ0DVkXdE");

  /** Reads the spec's examples into models as a caller fills them: plaintext, no runtime module. */
  private static final ObjectMapper JSON = JsonMapper.builder().findAndAddModules().build();

  private static final Map<String, SpecOperation> SPEC = Spec.load().operations();

  @RegisterExtension
  static FakeWechatPayExtension extension = FakeWechatPayExtension.newInstance().build();

  private FakeWechatPay wechatPay;
  private WechatPayClient client;

  @BeforeEach
  void client(FakeWechatPay fake) {
    wechatPay = fake;
    client = fake.clientBuilder().build();
  }

  @Test
  void everyPathAndQueryValueReachesItsOperationAsGiven() throws Exception {
    int calls = 0;
    for (Method method : paramsMethods()) {
      SpecOperation operation = SPEC.get(method.getName());
      for (String hostile : HOSTILE) {
        wechatPay.reset();
        Object params = params(method, hostile);
        try {
          method.invoke(api(method), params);
        } catch (InvocationTargetException e) {
          // The fake may refuse a value its schema forbids; what it received is what counts.
          if (!(e.getCause() instanceof WechatPayApiException)) {
            throw new AssertionError(
                method.getName() + " with " + printable(hostile), e.getCause());
          }
        }
        List<ReceivedRequest> received = wechatPay.requests();
        assertEquals(1, received.size(), method.getName() + " with " + printable(hostile));
        ReceivedRequest request = received.get(0);
        assertEquals(method.getName(), request.operationId(), printable(hostile));
        assertPathValues(operation, request.url(), (OperationParams) params);
        for (SpecOperation.QueryParameter query : operation.query()) {
          Object value = ((OperationParams) params).queryValues().get(query.name());
          if (value != null) {
            assertEquals(
                value,
                request.query().get(query.name()),
                method.getName() + " " + query.name() + " with " + printable(hostile));
          }
        }
        calls++;
      }
    }
    assertEquals(paramsMethods().size() * HOSTILE.size(), calls);
  }

  @Test
  void everyRequiredMemberLeftOutIsRefusedBeforeAnythingIsSent() throws Exception {
    int refusals = 0;
    for (Method method : operations()) {
      Class<?> argument = method.getParameterTypes()[0];
      if (OperationParams.class.isAssignableFrom(argument)) {
        for (Method setter : builderSetters(argument)) {
          if (!isRequired(method, setter.getName())) {
            continue;
          }
          Object builder = argument.getMethod("builder").invoke(null);
          for (Method other : builderSetters(argument)) {
            if (!other.getName().equals(setter.getName())) {
              other.invoke(builder, value(method, other, "x"));
            }
          }
          WechatPayRequestException refused =
              assertThrows(
                  WechatPayRequestException.class,
                  () -> invokeBuild(builder),
                  method.getName() + " without " + setter.getName());
          assertEquals(1, refused.members().size(), refused.getMessage());
          assertTrue(refused.members().get(0).startsWith(setter.getName()), refused.getMessage());
          refusals++;
        }
      }
      Class<?> bodyType = bodyType(method);
      if (bodyType == null) {
        continue;
      }
      for (Field field : bodyType.getDeclaredFields()) {
        JsonProperty property = field.getAnnotation(JsonProperty.class);
        if (property == null || !property.required()) {
          continue;
        }
        Object body = example(method, bodyType);
        field.setAccessible(true);
        field.set(body, null);
        Object argumentValue = argument == bodyType ? body : params(method, "x", body);
        InvocationTargetException failed =
            assertThrows(
                InvocationTargetException.class, () -> method.invoke(api(method), argumentValue));
        WechatPayRequestException refused =
            assertInstanceOf(failed.getCause(), method.getName() + " without " + property.value());
        assertEquals(List.of("/" + property.value() + " (body): missing"), refused.members());
        refusals++;
      }
    }
    assertTrue(refusals > 100, "refusals: " + refusals);
    assertEquals(List.of(), wechatPay.requests(), "nothing reached the fake");
  }

  private static WechatPayRequestException assertInstanceOf(Throwable cause, String what) {
    assertTrue(cause instanceof WechatPayRequestException, what + ": " + cause);
    return (WechatPayRequestException) cause;
  }

  private static void invokeBuild(Object builder) throws Throwable {
    try {
      builder.getClass().getMethod("build").invoke(builder);
    } catch (InvocationTargetException e) {
      throw e.getCause();
    }
  }

  /** Checks each segment of the received path against the value its placeholder was given. */
  private static void assertPathValues(
      SpecOperation operation, String url, OperationParams params) {
    String[] template = operation.pathTemplate().split("/");
    String[] received = url.split("\\?", 2)[0].split("/", -1);
    assertEquals(template.length, received.length, url);
    List<String> values = new ArrayList<>(params.pathValues().values());
    int next = 0;
    for (int i = 0; i < template.length; i++) {
      if (template[i].startsWith("{")) {
        assertFalse(received[i].contains("/"), url);
        assertEquals(
            values.get(next++),
            URLDecoder.decode(received[i].replace("+", "%2B"), StandardCharsets.UTF_8),
            url);
      } else {
        assertEquals(template[i], received[i], url);
      }
    }
    assertEquals(values.size(), next);
  }

  private static Object params(Method method, String hostile) throws Exception {
    Class<?> bodyType = bodyType(method);
    return params(method, hostile, bodyType == null ? null : example(method, bodyType));
  }

  /** Builds the params of an operation with every string member set to a hostile value. */
  private static Object params(Method method, String hostile, Object body) throws Exception {
    Class<?> type = method.getParameterTypes()[0];
    Object builder = type.getMethod("builder").invoke(null);
    for (Method setter : builderSetters(type)) {
      setter.invoke(
          builder, setter.getName().equals("body") ? body : value(method, setter, hostile));
    }
    return builder.getClass().getMethod("build").invoke(builder);
  }

  /** A value for one member: the hostile text for a string, a documented value otherwise. */
  private static Object value(Method method, Method setter, String hostile) throws Exception {
    Class<?> type = setter.getParameterTypes()[0];
    if (type == String.class) {
      return hostile;
    }
    if (type == Integer.class) {
      return setter.getName().equals("limit") ? 10 : 0;
    }
    if (setter.getName().equals("body")) {
      return example(method, type);
    }
    // An open enum: its first documented value.
    return ((java.util.Collection<?>) type.getMethod("knownValues").invoke(null)).iterator().next();
  }

  /** The operation's request body read from the spec's examples. */
  private static Object example(Method method, Class<?> bodyType) throws Exception {
    SpecOperation operation = SPEC.get(method.getName());
    return JSON.treeToValue(
        DocumentedResponse.build(operation.requestSchema(), null, null, Map.of()), bodyType);
  }

  private static Class<?> bodyType(Method method) {
    Class<?> argument = method.getParameterCount() == 1 ? method.getParameterTypes()[0] : null;
    if (argument == null) {
      return null;
    }
    if (!OperationParams.class.isAssignableFrom(argument)) {
      return argument;
    }
    try {
      return argument.getMethod("body").getReturnType() == Object.class
          ? null
          : argument.getMethod("body").getReturnType();
    } catch (NoSuchMethodException e) {
      throw new AssertionError(e);
    }
  }

  private static boolean isRequired(Method method, String member) {
    SpecOperation operation = SPEC.get(method.getName());
    if (member.equals("body")) {
      return operation.requestSchema() != null;
    }
    for (SpecOperation.QueryParameter query : operation.query()) {
      if (javaName(query.name()).equals(member)) {
        return query.required();
      }
    }
    return operation.pathParameters().stream().anyMatch(name -> javaName(name).equals(member));
  }

  /** A parameter's Java name: camel case, with the generator's one name mapping. */
  private static String javaName(String wireName) {
    if (wireName.equals("encrypted_phone_number")) {
      return "phoneNumber";
    }
    StringBuilder camel = new StringBuilder();
    boolean upper = false;
    for (char c : wireName.toCharArray()) {
      if (c == '_') {
        upper = true;
      } else {
        camel.append(upper ? Character.toUpperCase(c) : c);
        upper = false;
      }
    }
    return camel.toString();
  }

  private static List<Method> builderSetters(Class<?> params) throws Exception {
    Class<?> builder = params.getMethod("builder").getReturnType();
    List<Method> setters = new ArrayList<>();
    for (Method setter : builder.getDeclaredMethods()) {
      if (Modifier.isPublic(setter.getModifiers()) && setter.getReturnType() == builder) {
        setters.add(setter);
      }
    }
    setters.sort((a, b) -> a.getName().compareTo(b.getName()));
    return setters;
  }

  private Object api(Method method) {
    return client.create(method.getDeclaringClass());
  }

  private static List<Method> paramsMethods() {
    List<Method> methods = new ArrayList<>();
    for (Method method : operations()) {
      if (OperationParams.class.isAssignableFrom(method.getParameterTypes()[0])) {
        methods.add(method);
      }
    }
    return methods;
  }

  /** Every generated operation method that takes an argument. */
  private static List<Method> operations() {
    List<Method> methods = new ArrayList<>();
    for (Class<?> api : MemberCardApis.ALL) {
      for (Method method : api.getMethods()) {
        if (!method.isDefault()
            && method.getParameterCount() == 1
            && SPEC.containsKey(method.getName())) {
          methods.add(method);
        }
      }
    }
    methods.sort((a, b) -> a.getName().compareTo(b.getName()));
    return methods;
  }

  private static String printable(String value) {
    return value.replaceAll("\\p{Cntrl}", "?");
  }
}
