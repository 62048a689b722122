package io.github.membercard.wechatpay.http;

import io.github.membercard.wechatpay.AnswerListener;
import io.github.membercard.wechatpay.auth.Credential;
import io.github.membercard.wechatpay.auth.SignatureMessages;
import io.github.membercard.wechatpay.auth.SignatureValidator;
import io.github.membercard.wechatpay.auth.SignedMessage;
import feign.Client;
import feign.Request;
import feign.Response;
import feign.Util;
import java.io.IOException;
import java.io.InputStream;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Wraps the HTTP client, so it sees each request exactly as it goes on the wire: it signs the final
 * URL (base path included) and body bytes, and verifies every 2xx answer, 204 included, before
 * anything decodes it. Signing here also keeps {@code Authorization} out of Feign's request log.
 */
public final class SigningClient implements Client {

  static final String AUTHORIZATION = "Authorization";

  private final Client delegate;
  private final Credential credential;
  private final SignatureValidator validator;
  private final AnswerListener listener;

  public SigningClient(Client delegate, Credential credential, SignatureValidator validator, AnswerListener listener) {
    this.delegate = Objects.requireNonNull(delegate, "delegate");
    this.credential = Objects.requireNonNull(credential, "credential");
    this.validator = Objects.requireNonNull(validator, "validator");
    this.listener = Objects.requireNonNull(listener, "listener");
  }

  @Override
  public Response execute(Request request, Request.Options options) throws IOException {
    Response response = delegate.execute(signed(request), options);
    return isSuccess(response.status()) ? verified(request, response) : response;
  }

  private Request signed(Request request) {
    byte[] body = request.body() == null ? new byte[0] : request.body();
    String authorization = credential.authorization(request.httpMethod().name(), SignatureMessages.signedUrl(request.url()), body);
    Map<String, Collection<String>> headers = new LinkedHashMap<>(request.headers());
    headers.put(AUTHORIZATION, List.of(authorization));
    return Request.create(request.httpMethod(), request.url(), headers, request.body(), request.charset(),
        request.requestTemplate());
  }

  private Response verified(Request request, Response response) throws IOException {
    byte[] body = readBody(response);
    SignedMessage message = SignedMessage.of(response.headers(), body);
    validator.validate(message);
    listener.verified(request.httpMethod().name(), SignatureMessages.signedUrl(request.url()), response.status(), message.requestId());
    return response.toBuilder().body(body).build();
  }

  static boolean isSuccess(int status) {
    return status >= 200 && status < 300;
  }

  static byte[] readBody(Response response) throws IOException {
    if (response.body() == null) {
      return new byte[0];
    }
    try (InputStream in = response.body().asInputStream()) {
      return Util.toByteArray(in);
    }
  }
}
