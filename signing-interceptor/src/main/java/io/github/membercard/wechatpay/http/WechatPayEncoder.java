package io.github.membercard.wechatpay.http;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectWriter;
import feign.RequestTemplate;
import feign.codec.Encoder;
import io.github.membercard.wechatpay.WechatPayException;
import io.github.membercard.wechatpay.auth.WechatPayProtocol;
import io.github.membercard.wechatpay.crypto.RsaOaep;
import io.github.membercard.wechatpay.json.WechatPayJson;
import io.github.membercard.wechatpay.keys.EncryptionKey;
import io.github.membercard.wechatpay.keys.WechatPayKeys;
import java.lang.reflect.Type;
import java.nio.charset.StandardCharsets;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

/**
 * Writes request bodies as JSON, encrypting sensitive fields under one WeChat Pay key chosen for
 * this request, and names that very key in {@code Wechatpay-Serial}, so the two cannot disagree
 * even while keys rotate.
 */
public final class WechatPayEncoder implements Encoder {

  private final ObjectMapper mapper;
  private final ConcurrentMap<Type, ObjectWriter> writers = new ConcurrentHashMap<>();
  private final WechatPayKeys keys;
  private final ExchangeLog log;

  /**
   * Creates the encoder.
   *
   * @param mapper writes JSON
   * @param keys the WeChat Pay keys sensitive fields are encrypted under
   * @param log logs each request body as its model, masked, at TRACE
   */
  public WechatPayEncoder(ObjectMapper mapper, WechatPayKeys keys, ExchangeLog log) {
    this.mapper = Objects.requireNonNull(mapper, "mapper");
    this.keys = Objects.requireNonNull(keys, "keys");
    this.log = Objects.requireNonNull(log, "log");
  }

  @Override
  public void encode(Object object, Type bodyType, RequestTemplate template) {
    log.body("request body", object);
    EncryptionKey key = keys.encryptionKey();
    try {
      // One writer per type, prefetched once; only the cipher, bound to this request's key, is new.
      ObjectWriter writer =
          writers.computeIfAbsent(bodyType, type -> mapper.writerFor(mapper.constructType(type)));
      byte[] json =
          WechatPayJson.encrypting(writer, plaintext -> RsaOaep.encrypt(key.publicKey(), plaintext))
              .writeValueAsBytes(object);
      template.body(json, StandardCharsets.UTF_8);
    } catch (JsonProcessingException e) {
      throw WechatPayException.causeOf(e)
          .orElseGet(
              () ->
                  new WechatPayException(
                      "Cannot write the request body as JSON: " + e.getOriginalMessage(), e));
    }
    template.removeHeader(WechatPayProtocol.WECHATPAY_SERIAL);
    template.header(WechatPayProtocol.WECHATPAY_SERIAL, key.id());
  }
}
