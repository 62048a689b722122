package io.github.membercard.wechatpay.internal.json;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectReader;
import io.github.membercard.wechatpay.WechatPayException;
import io.github.membercard.wechatpay.json.Encrypted;
import io.github.membercard.wechatpay.json.FieldCipher;
import java.io.IOException;
import java.lang.reflect.Type;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

/**
 * Reads JSON into types, decrypting sensitive fields with one fixed {@link FieldCipher}. Keeps one
 * reader per type, built on first use: readers are immutable, so reading needs no per-call reader,
 * type lookup or attribute copy. Thread-safe.
 */
public final class DecryptingReaders {

  private final ObjectMapper mapper;
  private final ObjectReader decrypting;
  private final ConcurrentMap<Type, ObjectReader> readers = new ConcurrentHashMap<>();

  /**
   * Creates the readers.
   *
   * @param mapper a mapper from {@link WechatPayJson#newObjectMapper()}
   * @param decryptor decrypts each {@link Encrypted} value
   */
  public DecryptingReaders(ObjectMapper mapper, FieldCipher decryptor) {
    this.mapper = Objects.requireNonNull(mapper, "mapper");
    this.decrypting = WechatPayJson.decryptingReader(mapper, Objects.requireNonNull(decryptor));
  }

  /**
   * Reads JSON into a type, decrypting sensitive fields. A field that will not decrypt surfaces as
   * its own {@link WechatPayException} rather than inside Jackson's.
   *
   * @param type the type to read
   * @param json the JSON
   * @return the value
   * @throws IOException if the JSON is not the type
   */
  public Object read(Type type, byte[] json) throws IOException {
    ObjectReader reader =
        readers.computeIfAbsent(type, t -> decrypting.forType(mapper.constructType(t)));
    try {
      return reader.readValue(json);
    } catch (IOException e) {
      Optional<WechatPayException> typed = WechatPayException.causeOf(e);
      if (typed.isPresent()) {
        throw typed.get();
      }
      throw e;
    }
  }
}
