package io.github.membercard.wechatpay.internal.http;

import feign.Client;
import feign.Request;
import feign.Response;
import io.github.membercard.wechatpay.ResponseListener;
import io.github.membercard.wechatpay.internal.auth.SignatureValidator;
import io.github.membercard.wechatpay.internal.auth.SignedMessage;
import io.github.membercard.wechatpay.internal.auth.WechatPayProtocol;
import java.io.IOException;
import java.io.InputStream;
import java.util.Collection;
import java.util.List;
import java.util.Objects;

/**
 * Verifies every 2xx response, 204 included, before anything decodes it: the body is read whole,
 * its signature checked, and only then handed on. Answers that fail throw; error responses pass
 * through to the error decoder.
 */
public final class VerifyingClient implements Client {

  private final Client delegate;
  private final SignatureValidator validator;
  private final ResponseListener listener;

  /**
   * Creates a client that verifies each 2xx response {@code delegate} receives before handing it
   * on.
   *
   * @param delegate sends the (signed) request
   * @param validator checks WeChat Pay's signature
   * @param listener told of each verified response
   */
  public VerifyingClient(Client delegate, SignatureValidator validator, ResponseListener listener) {
    this.delegate = Objects.requireNonNull(delegate, "delegate");
    this.validator = Objects.requireNonNull(validator, "validator");
    this.listener = Objects.requireNonNull(listener, "listener");
  }

  @Override
  public Response execute(Request request, Request.Options options) throws IOException {
    Response response = delegate.execute(request, options);
    return isSuccess(response.status()) ? verified(request, response) : response;
  }

  private Response verified(Request request, Response response) throws IOException {
    byte[] body = readBody(response);
    SignedMessage message = SignedMessage.of(response.headers(), body);
    validator.validate(message);
    listener.verified(
        request.httpMethod().name(),
        ExchangeLog.templatePath(request),
        response.status(),
        UntrustedText.header(message.requestId()));
    // TransportClient hands on the body as bytes, which every read gives again unchanged: the
    // answer can go on as it is, its headers not copied once more. Anything else is replaced by
    // the bytes just verified.
    boolean bytes = response.body() != null && response.body().isRepeatable();
    return bytes ? response : response.toBuilder().body(body).build();
  }

  static boolean isSuccess(int status) {
    return status >= 200 && status < 300;
  }

  /**
   * Returns a response's {@code Request-ID} as received (Feign keys headers case-insensitively).
   */
  static String requestId(Response response) {
    Collection<String> values =
        response.headers().getOrDefault(WechatPayProtocol.REQUEST_ID, List.of());
    return values.isEmpty() ? null : values.iterator().next();
  }

  static byte[] readBody(Response response) throws IOException {
    if (response.body() == null) {
      return new byte[0];
    }
    try (InputStream in = response.body().asInputStream()) {
      // One exact copy; Feign's Util.toByteArray copies through a buffer and a growing array.
      return in.readAllBytes();
    }
  }
}
