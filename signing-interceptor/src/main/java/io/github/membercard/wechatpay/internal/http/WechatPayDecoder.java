package io.github.membercard.wechatpay.internal.http;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.MissingNode;
import feign.Response;
import feign.codec.Decoder;
import io.github.membercard.wechatpay.WechatPayException;
import io.github.membercard.wechatpay.internal.json.DecryptingReaders;
import io.github.membercard.wechatpay.json.FieldCipher;
import java.io.IOException;
import java.lang.reflect.Type;
import java.util.Objects;

/**
 * Reads verified responses into models, decrypting sensitive fields with the merchant private key.
 * Only sees bodies {@link VerifyingClient} has already verified.
 */
public final class WechatPayDecoder implements Decoder {

  private final DecryptingReaders readers;
  private final ExchangeLog log;

  /**
   * Creates a decoder that reads responses with {@code mapper} and decrypts their sensitive fields.
   *
   * @param mapper reads JSON
   * @param decryptor decrypts sensitive fields with the merchant private key
   * @param log logs each response body as its model, masked, at TRACE
   */
  public WechatPayDecoder(ObjectMapper mapper, FieldCipher decryptor, ExchangeLog log) {
    this.readers =
        new DecryptingReaders(
            Objects.requireNonNull(mapper, "mapper"),
            Objects.requireNonNull(decryptor, "decryptor"));
    this.log = Objects.requireNonNull(log, "log");
  }

  @Override
  public Object decode(Response response, Type type) throws IOException {
    byte[] body = VerifyingClient.readBody(response);
    if (body.length == 0 && type == JsonNode.class) {
      return MissingNode.getInstance(); // a raw request's answer may have no body
    }
    if (body.length == 0) {
      throw new WechatPayException(
          "WeChat Pay answered " + response.status() + " with no body where JSON was expected");
    }
    Object model;
    try {
      model = readers.read(type, body);
    } catch (IOException e) {
      throw new WechatPayException(
          "WeChat Pay's verified response cannot be read as " + type.getTypeName(), e);
    }
    log.body("response body", model);
    return model;
  }
}
