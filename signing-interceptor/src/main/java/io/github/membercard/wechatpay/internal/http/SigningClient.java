package io.github.membercard.wechatpay.internal.http;

import feign.Client;
import feign.Request;
import feign.Response;
import io.github.membercard.wechatpay.internal.auth.Credential;
import io.github.membercard.wechatpay.internal.auth.WechatPayProtocol;
import java.io.IOException;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Wraps the HTTP client, so it sees each request exactly as it goes on the wire, and signs it: the
 * {@code Authorization} header over the final URL (base path included) and the body bytes. Every
 * request the runtime sends goes through it, the platform-certificate download included. Signing
 * here also keeps {@code Authorization} out of Feign's request log.
 */
public final class SigningClient implements Client {

  private static final byte[] NO_BODY = new byte[0];

  private final Client delegate;
  private final Credential credential;

  /**
   * Creates a client that signs each request for the credential's merchant, then sends it through
   * {@code delegate}.
   *
   * @param delegate the HTTP client that sends the signed request
   * @param credential signs for the merchant
   */
  public SigningClient(Client delegate, Credential credential) {
    this.delegate = Objects.requireNonNull(delegate, "delegate");
    this.credential = Objects.requireNonNull(credential, "credential");
  }

  @Override
  public Response execute(Request request, Request.Options options) throws IOException {
    return delegate.execute(signed(request), options);
  }

  private Request signed(Request request) {
    byte[] body = request.body() == null ? NO_BODY : request.body();
    String authorization =
        credential.authorization(
            request.httpMethod().name(), WechatPayProtocol.signedUrl(request.url()), body);
    Map<String, Collection<String>> headers = new LinkedHashMap<>(request.headers());
    headers.put(WechatPayProtocol.AUTHORIZATION, List.of(authorization));
    return Request.create(
        request.httpMethod(),
        request.url(),
        headers,
        request.body(),
        request.charset(),
        request.requestTemplate());
  }
}
