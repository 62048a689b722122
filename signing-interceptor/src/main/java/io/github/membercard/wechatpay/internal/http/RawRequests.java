package io.github.membercard.wechatpay.internal.http;

import com.fasterxml.jackson.databind.JsonNode;
import feign.Feign;
import feign.Headers;
import feign.RequestLine;
import io.github.membercard.wechatpay.RawRequest;
import java.util.Optional;

/**
 * Sends {@link RawRequest}s through the same pipeline as the generated interfaces: one Feign method
 * per HTTP method, whose path the encoder replaces with the request's own.
 */
public final class RawRequests {

  /** The pipeline's entry points; the {@code /} of each request line is replaced when encoding. */
  interface Operations {
    @RequestLine("GET /")
    @Headers("Accept: application/json")
    JsonNode get(RawRequest request);

    @RequestLine("POST /")
    @Headers({"Accept: application/json", "Content-Type: application/json"})
    JsonNode post(RawRequest request);

    @RequestLine("PUT /")
    @Headers({"Accept: application/json", "Content-Type: application/json"})
    JsonNode put(RawRequest request);

    @RequestLine("PATCH /")
    @Headers({"Accept: application/json", "Content-Type: application/json"})
    JsonNode patch(RawRequest request);

    @RequestLine("DELETE /")
    @Headers("Accept: application/json")
    JsonNode delete(RawRequest request);
  }

  private final Operations operations;

  /**
   * Targets the pipeline.
   *
   * @param feign the client's configured pipeline
   * @param baseUrl where WeChat Pay is
   */
  public RawRequests(Feign.Builder feign, String baseUrl) {
    this.operations = feign.target(Operations.class, baseUrl);
  }

  /**
   * Sends a request.
   *
   * @param request the request
   * @return the verified response's JSON, or empty for a response without a body (204)
   */
  public Optional<JsonNode> send(RawRequest request) {
    JsonNode answer =
        switch (request.method()) {
          case GET -> operations.get(request);
          case POST -> operations.post(request);
          case PUT -> operations.put(request);
          case PATCH -> operations.patch(request);
          case DELETE -> operations.delete(request);
        };
    return answer == null || answer.isMissingNode() ? Optional.empty() : Optional.of(answer);
  }
}
