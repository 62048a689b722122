package io.github.membercard.fake;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.any;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.request;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.client.MappingBuilder;
import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.common.Metadata;
import com.github.tomakehurst.wiremock.http.Fault;
import com.github.tomakehurst.wiremock.stubbing.Scenario;
import com.github.tomakehurst.wiremock.stubbing.StubMapping;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Pattern;

/**
 * Keeps the stubs the fake's WireMock serves: one per operation answering as documented, a 404
 * fallback, and the overrides a test sets on one operation.
 */
final class Stubs {

  private static final String CERTIFICATES_PATH = "/v3/certificates";
  private static final int OPERATION_PRIORITY = 5;
  private static final int OVERRIDE_PRIORITY = 1;
  private static final int FALLBACK_PRIORITY = 10;
  private static final String GATEWAY_ERROR_PAGE =
      "<html>\n<head><title>502 Bad Gateway</title></head>\n<body>\n"
          + "<center><h1>502 Bad Gateway</h1></center>\n<hr><center>nginx</center>\n"
          + "</body>\n</html>\n";

  private final WireMockServer server;
  private final Map<String, SpecOperation> operations;
  private final Map<String, SpecOperation> endpoints;

  /**
   * Keeps the stubs of {@code server}, which serves {@code endpoints}.
   *
   * @param operations the spec's operations, by id
   * @param endpoints what {@link #endpoints} makes of {@code operations}
   */
  Stubs(
      WireMockServer server,
      Map<String, SpecOperation> operations,
      Map<String, SpecOperation> endpoints) {
    this.server = server;
    this.operations = operations;
    this.endpoints = endpoints;
  }

  /**
   * Returns every endpoint the fake serves, by id: the spec's operations and {@link
   * FakeWechatPay#DOWNLOAD_CERTIFICATES}.
   */
  static Map<String, SpecOperation> endpoints(Map<String, SpecOperation> operations) {
    Map<String, SpecOperation> endpoints = new LinkedHashMap<>(operations);
    endpoints.put(FakeWechatPay.DOWNLOAD_CERTIFICATES, certificatesOperation());
    return Map.copyOf(endpoints);
  }

  /** Stubs every endpoint to answer as documented, and any other request with a 404. */
  void stubOperations() {
    for (SpecOperation operation : endpoints.values()) {
      server.stubFor(
          mapping(operation)
              .atPriority(OPERATION_PRIORITY)
              .withMetadata(
                  StubTags.of(operation.operationId(), StubTags.DOCUMENTED, StubTags.VALID))
              .willReturn(aResponse()));
    }
    server.stubFor(
        any(anyUrl())
            .atPriority(FALLBACK_PRIORITY)
            .willReturn(
                aResponse()
                    .withStatus(404)
                    .withHeader("Content-Type", "application/json")
                    .withBody(
                        new ErrorResponse(404, "NOT_FOUND", "no such operation", null, null)
                            .json())));
  }

  /**
   * Returns the endpoint a test names.
   *
   * @throws IllegalArgumentException if it is neither an operation of the spec nor {@link
   *     FakeWechatPay#DOWNLOAD_CERTIFICATES}
   */
  SpecOperation operation(String operationId) {
    SpecOperation operation = endpoints.get(operationId);
    if (operation == null) {
      throw new IllegalArgumentException(
          "No operation "
              + operationId
              + " in the spec, nor "
              + FakeWechatPay.DOWNLOAD_CERTIFICATES
              + "; known: "
              + operations.keySet());
    }
    return operation;
  }

  /**
   * Answers one operation with the given status and JSON body, as {@link FakeWechatPay#respond}.
   */
  void respond(String operationId, int status, String jsonBody) {
    override(operationId, StubTags.GIVEN, StubTags.VALID, jsonResponse(status, jsonBody));
  }

  /** Answers one operation with a WeChat Pay error, as {@link FakeWechatPay#respondWithError}. */
  void respondWithError(String operationId, int status, String code, String message) {
    respond(operationId, status, new ErrorResponse(status, code, message, null, null).json());
  }

  /** Makes one operation misbehave as {@code fault} says, as {@link FakeWechatPay#inject}. */
  void inject(String operationId, ResponseFault fault) {
    switch (fault) {
      case CONNECTION_RESET ->
          override(
              operationId,
              StubTags.GIVEN,
              StubTags.VALID,
              aResponse().withFault(Fault.CONNECTION_RESET_BY_PEER));
      case MALFORMED_BODY ->
          override(
              operationId, StubTags.GIVEN, StubTags.VALID, jsonResponse(200, "{\"truncated\":"));
      case TRUNCATED_BODY ->
          override(
              operationId,
              StubTags.of(operationId, StubTags.DOCUMENTED, StubTags.VALID, StubTags.TRUNCATED, 0),
              aResponse());
      case HTML_ERROR_PAGE ->
          override(
              operationId,
              StubTags.GIVEN,
              StubTags.GATEWAY,
              aResponse()
                  .withStatus(502)
                  .withHeader("Content-Type", "text/html; charset=utf-8")
                  .withBody(GATEWAY_ERROR_PAGE));
      default -> override(operationId, StubTags.DOCUMENTED, fault.name(), aResponse());
    }
  }

  /** Stalls one operation's documented response part-way, as {@link FakeWechatPay#stall}. */
  void stall(String operationId, Duration stall) {
    if (stall.isNegative()) {
      throw new IllegalArgumentException("stall must be 0 or more, but is " + stall);
    }
    override(
        operationId,
        StubTags.of(
            operationId, StubTags.DOCUMENTED, StubTags.VALID, StubTags.STALLED, stall.toMillis()),
        aResponse());
  }

  /** Refuses the next {@code calls} calls of one operation, as {@link FakeWechatPay#rateLimit}. */
  void rateLimit(String operationId, int calls) {
    failNext(operationId, calls, new ErrorResponse(429, "FREQUENCY_LIMITED", "请求频率超限", null, null));
  }

  /** Fails the next {@code calls} calls of one operation, as {@link FakeWechatPay#serverError}. */
  void serverError(String operationId, int status, int calls) {
    if (status < 500 || status > 599) {
      throw new IllegalArgumentException("status must be 5xx, but is " + status);
    }
    failNext(
        operationId,
        calls,
        status == 500
            ? new ErrorResponse(status, "SYSTEM_ERROR", "系统错误", null, null)
            : new ErrorResponse(status, "SERVICE_UNAVAILABLE", "服务不可用", null, null));
  }

  /** Removes every override of one operation, as {@link FakeWechatPay#restore}. */
  void restore(String operationId) {
    operation(operationId);
    for (StubMapping stub : server.getStubMappings()) {
      if (Integer.valueOf(OVERRIDE_PRIORITY).equals(stub.getPriority())
          && operationId.equals(StubTags.get(stub, StubTags.OPERATION))) {
        server.removeStubMapping(stub);
      }
    }
  }

  /** Delays one operation's documented response, as {@link FakeWechatPay#delay}. */
  void delay(String operationId, Duration delay) {
    override(
        operationId,
        StubTags.DOCUMENTED,
        StubTags.VALID,
        aResponse().withFixedDelay((int) delay.toMillis()));
  }

  private void override(
      String operationId, String answer, String signing, ResponseDefinitionBuilder response) {
    override(operationId, StubTags.of(operationId, answer, signing), response);
  }

  /** Stubs one operation, over its documented response, to answer with {@code response}. */
  private void override(String operationId, Metadata tags, ResponseDefinitionBuilder response) {
    server.stubFor(
        mapping(operation(operationId))
            .atPriority(OVERRIDE_PRIORITY)
            .withMetadata(tags)
            .willReturn(response));
  }

  /**
   * Answers the next {@code calls} calls with an error: one stub per call, each matching only in
   * its step of a scenario of its own, which moves a step per call served.
   */
  private void failNext(String operationId, int calls, ErrorResponse error) {
    SpecOperation operation = operation(operationId);
    if (calls < 1) {
      throw new IllegalArgumentException("calls must be 1 or more, but is " + calls);
    }
    String scenario = operationId + " fails " + UUID.randomUUID();
    for (int call = 1; call <= calls; call++) {
      server.stubFor(
          mapping(operation)
              .inScenario(scenario)
              .whenScenarioStateIs(call == 1 ? Scenario.STARTED : "failed " + (call - 1))
              .willSetStateTo("failed " + call)
              .atPriority(OVERRIDE_PRIORITY)
              .withMetadata(StubTags.of(operationId, StubTags.GIVEN, StubTags.VALID))
              .willReturn(jsonResponse(error.status(), error.json())));
    }
  }

  private static ResponseDefinitionBuilder jsonResponse(int status, String json) {
    return aResponse()
        .withStatus(status)
        .withHeader("Content-Type", "application/json")
        .withBody(json);
  }

  /** {@code GET /v3/certificates}: no query, no body, no {@code Wechatpay-Serial}. */
  private static SpecOperation certificatesOperation() {
    return new SpecOperation(
        FakeWechatPay.DOWNLOAD_CERTIFICATES,
        "GET",
        CERTIFICATES_PATH,
        Pattern.compile(Pattern.quote(CERTIFICATES_PATH)),
        List.of(),
        List.of(),
        null,
        200,
        null,
        false,
        null,
        null);
  }

  private static MappingBuilder mapping(SpecOperation operation) {
    return request(operation.method(), urlPathMatching(operation.path().pattern()));
  }
}
