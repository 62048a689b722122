package io.github.membercard.wechatpay.http;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.membercard.wechatpay.WechatPayException;
import io.github.membercard.wechatpay.crypto.RsaOaep;
import io.github.membercard.wechatpay.json.FieldCipher;
import io.github.membercard.wechatpay.json.WechatPayJson;
import feign.Response;
import feign.codec.DecodeException;
import feign.codec.Decoder;
import java.io.IOException;
import java.lang.reflect.Type;
import java.security.PrivateKey;
import java.util.Objects;

/**
 * Reads verified answers into models, decrypting sensitive fields with the merchant private key.
 * Only sees bodies {@link SigningClient} has already verified.
 */
public final class WechatPayDecoder implements Decoder {

  private final ObjectMapper mapper;
  private final FieldCipher decryptor;

  public WechatPayDecoder(ObjectMapper mapper, PrivateKey merchantPrivateKey) {
    this.mapper = Objects.requireNonNull(mapper, "mapper");
    Objects.requireNonNull(merchantPrivateKey, "merchantPrivateKey");
    this.decryptor = ciphertext -> RsaOaep.decrypt(merchantPrivateKey, ciphertext);
  }

  @Override
  public Object decode(Response response, Type type) throws IOException {
    byte[] body = SigningClient.readBody(response);
    if (body.length == 0) {
      throw new DecodeException(response.status(),
          "WeChat Pay answered " + response.status() + " with no body where JSON was expected", response.request());
    }
    try {
      return WechatPayJson.decryptingReader(mapper, decryptor).forType(mapper.constructType(type)).readValue(body);
    } catch (IOException e) {
      throw typed(e, type);
    }
  }

  /** Jackson reports a field that will not decrypt, or a body that is not the model, as an IOException. */
  private static WechatPayException typed(IOException e, Type type) {
    for (Throwable cause = e.getCause(); cause != null; cause = cause.getCause()) {
      if (cause instanceof WechatPayException typed) {
        return typed;
      }
    }
    return new WechatPayException("WeChat Pay's verified answer cannot be read as " + type.getTypeName(), e);
  }
}
