package io.github.membercard.wechatpay.internal.http;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectWriter;
import feign.RequestTemplate;
import feign.codec.Encoder;
import io.github.membercard.wechatpay.WechatPayException;
import io.github.membercard.wechatpay.http.EncryptedQueryParameter;
import io.github.membercard.wechatpay.http.OperationParams;
import io.github.membercard.wechatpay.internal.auth.WechatPayProtocol;
import io.github.membercard.wechatpay.internal.crypto.RsaOaep;
import io.github.membercard.wechatpay.internal.json.WechatPayJson;
import io.github.membercard.wechatpay.internal.keys.EncryptionKey;
import io.github.membercard.wechatpay.internal.keys.VerificationKeys;
import java.lang.reflect.Method;
import java.lang.reflect.Type;
import java.nio.charset.StandardCharsets;
import java.util.HashSet;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

/**
 * Writes a call's request: for an {@link OperationParams} argument its percent-encoded path and
 * query (encrypting the query values the method marks {@link EncryptedQueryParameter}); the body as
 * JSON, once its required members are checked, encrypting sensitive fields. Everything is encrypted
 * under one WeChat Pay key chosen for this request, and that very key is named in {@code
 * Wechatpay-Serial}, so the two cannot disagree even while keys rotate.
 */
public final class WechatPayEncoder implements Encoder {

  private final ObjectMapper mapper;
  private final ConcurrentMap<Type, ObjectWriter> writers = new ConcurrentHashMap<>();
  private final ConcurrentMap<Method, Set<String>> encryptedQueries = new ConcurrentHashMap<>();
  private final VerificationKeys keys;
  private final ExchangeLog log;
  private final RequiredMembers required;

  /**
   * Creates the encoder.
   *
   * @param mapper writes JSON
   * @param keys the WeChat Pay keys sensitive fields are encrypted under
   * @param log logs each request body as its model, masked, at TRACE
   */
  public WechatPayEncoder(ObjectMapper mapper, VerificationKeys keys, ExchangeLog log) {
    this.mapper = Objects.requireNonNull(mapper, "mapper");
    this.keys = Objects.requireNonNull(keys, "keys");
    this.log = Objects.requireNonNull(log, "log");
    this.required = new RequiredMembers(mapper);
  }

  /**
   * What one call sends, encrypted under one WeChat Pay key chosen for it.
   *
   * @param target the encoded path and query, or {@code null} when the argument gives none
   * @param body the JSON body, or {@code null} when there is none
   * @param serial the id of the key everything is encrypted under, for {@code Wechatpay-Serial}
   */
  record Encoded(String target, byte[] body, String serial) {}

  @Override
  public void encode(Object object, Type bodyType, RequestTemplate template) {
    Encoded encoded = encode(GeneratedMethods.of(template), object, bodyType);
    if (encoded.target() != null) {
      // A literal, every value already percent-encoded: slashes stay encoded (a value holding one
      // is still one segment) whatever the template's decodeSlash, which applies only to values
      // Feign expands, so the template is parsed once rather than again for decodeSlash(false).
      template.uri(encoded.target());
    }
    if (encoded.body() != null) {
      template.body(encoded.body(), StandardCharsets.UTF_8);
    }
    template.removeHeader(WechatPayProtocol.WECHATPAY_SERIAL);
    template.header(WechatPayProtocol.WECHATPAY_SERIAL, encoded.serial());
  }

  /**
   * Encodes one call's argument: an {@link OperationParams}' target and body, or a body alone.
   *
   * @param method the generated method called, or {@code null} for a request built by hand
   * @param argument its argument, or {@code null} when it takes none
   * @param bodyType the argument's declared type
   * @return the target, body and key of the call
   */
  Encoded encode(Method method, Object argument, Type bodyType) {
    EncryptionKey key = keys.encryptionKey();
    Object body = argument;
    Type type = bodyType;
    String target = null;
    if (argument instanceof OperationParams params) {
      target =
          RequestTarget.of(
              params,
              method == null
                  ? Set.of()
                  : encryptedQueries.computeIfAbsent(method, WechatPayEncoder::encryptedQuery),
              plaintext -> RsaOaep.encrypt(key.publicKey(), plaintext));
      body = params.body();
      type = body == null ? null : body.getClass();
    }
    byte[] json = null;
    if (body != null) {
      required.check(method == null ? "request" : method.getName(), body);
      json = json(body, type, key);
    }
    return new Encoded(target, json, key.id());
  }

  private byte[] json(Object body, Type type, EncryptionKey key) {
    log.body("request body", body);
    try {
      // One writer per type, prefetched once; only the cipher, bound to this request's key, is new.
      ObjectWriter writer =
          writers.computeIfAbsent(type, t -> mapper.writerFor(mapper.constructType(t)));
      return WechatPayJson.encrypting(
              writer, plaintext -> RsaOaep.encrypt(key.publicKey(), plaintext))
          .writeValueAsBytes(body);
    } catch (JsonProcessingException e) {
      throw WechatPayException.causeOf(e)
          .orElseGet(
              () ->
                  new WechatPayException(
                      "Cannot write the request body as JSON: " + e.getOriginalMessage(), e));
    }
  }

  /** The query parameters a method marks as encrypted; read once per method, then kept. */
  private static Set<String> encryptedQuery(Method method) {
    Set<String> names = new HashSet<>();
    for (EncryptedQueryParameter parameter :
        method.getAnnotationsByType(EncryptedQueryParameter.class)) {
      names.add(parameter.value());
    }
    return Set.copyOf(names);
  }
}
