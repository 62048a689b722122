package io.github.membercard.fake;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.extension.ResponseDefinitionTransformerV2;
import com.github.tomakehurst.wiremock.http.QueryParameter;
import com.github.tomakehurst.wiremock.http.Request;
import com.github.tomakehurst.wiremock.http.ResponseDefinition;
import com.github.tomakehurst.wiremock.stubbing.ServeEvent;
import java.io.IOException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The sandbox's admin HTTP API, under {@value #PREFIX}, for callers without Java: members' actions,
 * the state, the request journal, deliveries, faults and reset. Responses JSON; a request naming an
 * unknown action, member, card, operation or resource is a 4xx whose message names it.
 *
 * <pre>
 * POST   /sandbox/members/{openid}/{action}   {"card_id": "...", "code": "...", "points": "100"}
 * GET    /sandbox/state/{resource}
 * GET    /sandbox/requests[?operation=id]
 * GET    /sandbox/deliveries[?notification=id]
 * POST   /sandbox/faults/{operationId}        {"fault": "CONNECTION_RESET"} or {"status": 503, "calls": 2}
 * DELETE /sandbox/faults/{operationId}
 * POST   /sandbox/reset
 * </pre>
 */
final class SandboxAdmin implements ResponseDefinitionTransformerV2 {

  static final String PREFIX = "/sandbox/";
  static final String TAG = "sandbox-admin";

  private final ObjectMapper json = new ObjectMapper();
  private volatile FakeWechatPay fake;

  /** Starts answering for a fake; until then every admin request is a 503. */
  void serve(FakeWechatPay fake) {
    this.fake = fake;
  }

  @Override
  public String getName() {
    return "sandbox-admin";
  }

  @Override
  public ResponseDefinition transform(ServeEvent event) {
    if (event.getStubMapping().getMetadata() == null
        || !event.getStubMapping().getMetadata().containsKey(TAG)) {
      return event.getResponseDefinition();
    }
    try {
      if (fake == null) {
        throw new SandboxException(503, "SERVICE_UNAVAILABLE", "The sandbox is starting");
      }
      return answer(200, handle(event.getRequest()));
    } catch (SandboxException e) {
      return answer(e.status(), error(e.code(), e.getMessage()));
    } catch (IllegalArgumentException e) {
      return answer(400, error("INVALID_REQUEST", e.getMessage()));
    }
  }

  private JsonNode handle(Request request) {
    String method = request.getMethod().getName();
    String[] path =
        request.getUrl().replaceFirst("\\?.*$", "").substring(PREFIX.length()).split("/");
    String route = method + " " + path[0] + "/" + path.length;
    return switch (route) {
      case "POST members/3" -> member(decode(path[1]), decode(path[2]), body(request));
      case "GET state/2" -> items(fake.state(decode(path[1])));
      case "GET requests/1" -> requests(query(request, "operation"));
      case "GET deliveries/1" -> deliveries(query(request, "notification"));
      case "POST faults/2" -> fault(decode(path[1]), body(request));
      case "DELETE faults/2" -> {
        fake.restore(decode(path[1]));
        yield json.createObjectNode().put("restored", decode(path[1]));
      }
      case "POST reset/1" -> {
        fake.reset();
        yield json.createObjectNode().put("reset", true);
      }
      default ->
          throw SandboxException.notFound(
              "No admin endpoint " + method + " " + request.getUrl() + "; see docs/sandbox.md");
    };
  }

  private JsonNode member(String openid, String action, JsonNode body) {
    Map<String, String> inputs = new LinkedHashMap<>();
    body.properties().forEach(entry -> inputs.put(entry.getKey(), entry.getValue().asText()));
    return json.valueToTree(fake.members().act(action, openid, inputs));
  }

  private JsonNode items(Iterable<JsonNode> items) {
    ObjectNode answer = json.createObjectNode();
    ArrayNode array = answer.putArray("items");
    items.forEach(array::add);
    return answer;
  }

  private JsonNode requests(String operationId) {
    ObjectNode answer = json.createObjectNode();
    ArrayNode array = answer.putArray("requests");
    for (ReceivedRequest received :
        operationId == null ? fake.requests() : fake.requests(operationId)) {
      ObjectNode entry =
          array
              .addObject()
              .put("operation", received.operationId())
              .put("method", received.method())
              .put("url", received.url());
      entry.set("query", json.valueToTree(received.query()));
      entry.set("body", received.body());
    }
    return answer;
  }

  private JsonNode deliveries(String notificationId) {
    ObjectNode answer = json.createObjectNode();
    ArrayNode array = answer.putArray("deliveries");
    for (Delivery delivery :
        notificationId == null ? fake.deliveries() : fake.deliveries(notificationId)) {
      array
          .addObject()
          .put("id", delivery.id())
          .put("event_type", delivery.eventType())
          .put("url", delivery.url())
          .put("status", delivery.status())
          .put("acknowledged", delivery.acknowledged());
    }
    return answer;
  }

  private JsonNode fault(String operationId, JsonNode body) {
    if (body.has("fault")) {
      fake.inject(operationId, ResponseFault.valueOf(body.get("fault").asText()));
    } else if (body.has("status")) {
      int status = body.get("status").asInt();
      int calls = body.path("calls").asInt(1);
      if (status == 429) {
        fake.rateLimit(operationId, calls);
      } else {
        fake.serverError(operationId, status, calls);
      }
    } else {
      throw new IllegalArgumentException(
          "A fault is {\"fault\": one of "
              + java.util.Arrays.toString(ResponseFault.values())
              + "} or {\"status\": 429 or 5xx, \"calls\": n}");
    }
    return json.createObjectNode().put("fault", operationId);
  }

  private JsonNode body(Request request) {
    String text = request.getBodyAsString();
    try {
      JsonNode body = text.isBlank() ? json.createObjectNode() : json.readTree(text);
      if (!body.isObject()) {
        throw new IllegalArgumentException("The body must be a JSON object");
      }
      return body;
    } catch (IOException e) {
      throw new IllegalArgumentException("The body is not JSON: " + e.getMessage());
    }
  }

  private static String query(Request request, String name) {
    QueryParameter parameter = request.queryParameter(name);
    return parameter != null && parameter.isPresent() ? parameter.firstValue() : null;
  }

  private static String decode(String segment) {
    return URLDecoder.decode(segment.replace("+", "%2B"), StandardCharsets.UTF_8);
  }

  private JsonNode error(String code, String message) {
    return json.createObjectNode().put("code", code).put("message", message);
  }

  private static ResponseDefinition answer(int status, JsonNode body) {
    return ResponseDefinitionBuilder.responseDefinition()
        .withStatus(status)
        .withHeader("Content-Type", "application/json; charset=utf-8")
        .withBody(body.toString())
        .build();
  }
}
