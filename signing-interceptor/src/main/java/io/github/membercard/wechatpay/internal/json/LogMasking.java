package io.github.membercard.wechatpay.internal.json;

import com.fasterxml.jackson.annotation.JsonAnyGetter;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.AnnotationIntrospector;
import com.fasterxml.jackson.databind.JsonSerializer;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectWriter;
import com.fasterxml.jackson.databind.SerializerProvider;
import com.fasterxml.jackson.databind.introspect.Annotated;
import com.fasterxml.jackson.databind.introspect.NopAnnotationIntrospector;
import io.github.membercard.wechatpay.json.Encrypted;
import io.github.membercard.wechatpay.json.PersonalData;
import java.io.IOException;
import java.util.Map;

/**
 * Writes models as JSON for a log line: {@link Encrypted} values always as {@value #MASK}, never as
 * plaintext nor ciphertext, and, unless told it is unsafe not to, {@link PersonalData} values and
 * the values of properties the spec does not describe (which may be anything) as {@value #MASK}
 * too.
 */
public final class LogMasking {

  /** What a masked value is written as. */
  public static final String MASK = "***";

  private LogMasking() {}

  /**
   * Creates a writer for log lines from a mapper's configuration, leaving the mapper as it was.
   *
   * @param mapper a mapper from {@link WechatPayJson#newObjectMapper()}
   * @param personalData false to mask personal data and undescribed properties (the default, safe
   *     choice); true to write them as they are, for an explicitly unsafe log
   * @return a writer that never writes an encrypted value
   */
  public static ObjectWriter writer(ObjectMapper mapper, boolean personalData) {
    ObjectMapper masking = mapper.copy();
    masking.setAnnotationIntrospector(
        AnnotationIntrospector.pair(
            new MaskingIntrospector(personalData),
            masking.getSerializationConfig().getAnnotationIntrospector()));
    return masking.writer();
  }

  private static final class MaskingIntrospector extends NopAnnotationIntrospector {
    private static final long serialVersionUID = 1L;

    private final boolean personalData;

    MaskingIntrospector(boolean personalData) {
      this.personalData = personalData;
    }

    @Override
    public Object findSerializer(Annotated member) {
      if (member.hasAnnotation(Encrypted.class)) {
        return new MaskedValue();
      }
      if (personalData) {
        return null;
      }
      if (member.hasAnnotation(PersonalData.class)) {
        return new MaskedValue();
      }
      return member.hasAnnotation(JsonAnyGetter.class) ? new MaskedProperties() : null;
    }
  }

  /** Writes {@value #MASK} in place of a value, whatever its type. */
  private static final class MaskedValue extends JsonSerializer<Object> {
    @Override
    public void serialize(Object value, JsonGenerator generator, SerializerProvider provider)
        throws IOException {
      generator.writeString(MASK);
    }
  }

  /** Writes each property of an any-getter map with its value masked. */
  private static final class MaskedProperties extends JsonSerializer<Map<?, ?>> {
    @Override
    public void serialize(
        Map<?, ?> properties, JsonGenerator generator, SerializerProvider provider)
        throws IOException {
      for (Object name : properties.keySet()) {
        generator.writeStringField(String.valueOf(name), MASK);
      }
    }
  }
}
