package io.github.membercard.wechatpay.internal.http;

import static org.junit.jupiter.api.Assertions.assertEquals;

import feign.DefaultContract;
import feign.Headers;
import feign.MethodMetadata;
import feign.Param;
import feign.RequestLine;
import feign.Response;
import io.github.membercard.wechatpay.http.OperationParams;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/**
 * Which methods a call is planned for, once, and which go to Feign's own handler: every shape the
 * generator writes is planned; a shape with something for Feign to expand is left to Feign.
 */
class PlannedCallsTest {

  interface Shapes {
    @RequestLine("GET /v3/cards/{card_id}/codes/{code}")
    @Headers({"Accept: application/json"})
    Map<String, Object> params(Params params);

    @RequestLine("POST /v3/cards")
    @Headers({"Accept: application/json", "Content-Type: application/json"})
    Map<String, Object> body(Map<String, Object> card);

    @RequestLine("GET /v3/callbacks")
    @Headers({"Accept: application/json"})
    Map<String, Object> none();

    @RequestLine("DELETE /v3/cards/{card_id}")
    void nothingReturned(Params params);

    @RequestLine("GET /v3/cards/{card_id}")
    Map<String, Object> expanded(@Param("card_id") String cardId);

    @RequestLine("POST /v3/cards/{card_id}")
    Map<String, Object> bodyWithExpandedPath(Map<String, Object> card);

    @RequestLine("GET /v3/cards")
    @Headers({"Wechatpay-Serial: {serial}"})
    Map<String, Object> expandedHeader(@Param("serial") String serial);

    @RequestLine("GET /v3/cards")
    Response raw();
  }

  /** Shaped as a generated {@code …Params}. */
  record Params(Map<String, String> pathValues) implements OperationParams {
    @Override
    public String operation() {
      return "params";
    }

    @Override
    public String pathTemplate() {
      return "/v3/cards/{card_id}/codes/{code}";
    }

    @Override
    public Map<String, String> queryValues() {
      return Map.of();
    }

    @Override
    public Object body() {
      return null;
    }
  }

  @Test
  void plansTheGeneratedShapesAndLeavesExpansionsToFeign() {
    Map<String, Boolean> planned = new TreeMap<>();
    for (MethodMetadata metadata : new DefaultContract().parseAndValidateMetadata(Shapes.class)) {
      planned.put(metadata.method().getName(), PlannedCalls.plannable(metadata));
    }
    assertEquals(
        new TreeMap<>(
            Map.of(
                "params", true,
                "body", true,
                "none", true,
                "nothingReturned", true,
                "expanded", false,
                "bodyWithExpandedPath", false,
                "expandedHeader", false,
                "raw", false)),
        planned);
  }
}
