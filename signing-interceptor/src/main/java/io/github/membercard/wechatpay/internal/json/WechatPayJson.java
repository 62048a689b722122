package io.github.membercard.wechatpay.internal.json;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.util.JsonRecyclerPools;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectReader;
import com.fasterxml.jackson.databind.ObjectWriter;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import io.github.membercard.wechatpay.WechatPayException;
import io.github.membercard.wechatpay.json.Encrypted;
import io.github.membercard.wechatpay.json.FieldCipher;
import java.io.IOException;
import java.lang.reflect.Type;

/** The JSON setup APIv3 needs, shared by the client, the notification parser and test fakes. */
public final class WechatPayJson {

  private WechatPayJson() {}

  /**
   * Creates an object mapper set up as APIv3 JSON needs.
   *
   * @return a mapper writing RFC 3339 times with their offset (as WeChat Pay sends them), keeping
   *     that offset when reading, leaving unset (null) properties out, refusing a fraction or an
   *     exponent where an integer belongs, and handling {@link Encrypted} properties
   */
  public static ObjectMapper newObjectMapper() {
    // Jackson keeps its read and write buffers per thread by default: a virtual thread per request
    // would allocate them afresh for every call. Pooled, any thread reuses them.
    JsonFactory buffersPooled =
        JsonFactory.builder().recyclerPool(JsonRecyclerPools.newConcurrentDequePool()).build();
    return JsonMapper.builder(buffersPooled)
        .addModule(new JavaTimeModule())
        .addModule(new SensitiveFieldModule())
        .defaultPropertyInclusion(
            JsonInclude.Value.construct(JsonInclude.Include.NON_NULL, JsonInclude.Include.NON_NULL))
        .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
        .disable(DeserializationFeature.ADJUST_DATES_TO_CONTEXT_TIME_ZONE)
        // 100.7 or 1e3 where the spec says integer is a wrong answer, not 100 or 1000 points.
        .disable(DeserializationFeature.ACCEPT_FLOAT_AS_INT)
        .build();
  }

  /**
   * Creates a writer that passes each {@link Encrypted} value through {@code encryptor}, leaving
   * the mapper as it was.
   *
   * @param mapper a mapper from {@link #newObjectMapper()}
   * @param encryptor encrypts each {@link Encrypted} value
   * @return a writer that encrypts sensitive fields
   */
  public static ObjectWriter encryptingWriter(ObjectMapper mapper, FieldCipher encryptor) {
    return encrypting(mapper.writer(), encryptor);
  }

  /**
   * Returns a writer like {@code writer} (same type, same prefetched serializer) that passes each
   * {@link Encrypted} value through {@code encryptor}.
   *
   * @param writer a writer of a mapper from {@link #newObjectMapper()}
   * @param encryptor encrypts each {@link Encrypted} value
   * @return a writer that encrypts sensitive fields
   */
  public static ObjectWriter encrypting(ObjectWriter writer, FieldCipher encryptor) {
    return writer.withAttribute(SensitiveFieldModule.ENCRYPTOR, encryptor);
  }

  /**
   * Creates a reader that passes each {@link Encrypted} value through {@code decryptor}, leaving
   * the mapper as it was.
   *
   * @param mapper a mapper from {@link #newObjectMapper()}
   * @param decryptor decrypts each {@link Encrypted} value
   * @return a reader that decrypts sensitive fields
   */
  public static ObjectReader decryptingReader(ObjectMapper mapper, FieldCipher decryptor) {
    return mapper.reader().withAttribute(SensitiveFieldModule.DECRYPTOR, decryptor);
  }

  /**
   * Reads JSON into a type once, decrypting sensitive fields. A field that will not decrypt
   * surfaces as its own {@link WechatPayException} rather than inside Jackson's. Where a cipher
   * serves many reads, keep a {@link DecryptingReaders} instead.
   *
   * @param mapper a mapper from {@link #newObjectMapper()}
   * @param decryptor decrypts each {@link Encrypted} value
   * @param type the type to read
   * @param json the JSON
   * @return the value
   * @throws IOException if the JSON is not the type
   */
  public static Object readDecrypting(
      ObjectMapper mapper, FieldCipher decryptor, Type type, byte[] json) throws IOException {
    return new DecryptingReaders(mapper, decryptor).read(type, json);
  }
}
