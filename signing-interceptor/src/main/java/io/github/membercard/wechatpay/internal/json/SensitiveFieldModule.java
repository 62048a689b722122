package io.github.membercard.wechatpay.internal.json;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonStreamContext;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.JsonDeserializer;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.JsonSerializer;
import com.fasterxml.jackson.databind.SerializerProvider;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.introspect.Annotated;
import com.fasterxml.jackson.databind.introspect.NopAnnotationIntrospector;
import com.fasterxml.jackson.databind.module.SimpleModule;
import io.github.membercard.wechatpay.json.Encrypted;
import io.github.membercard.wechatpay.json.FieldCipher;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * Encrypts {@link Encrypted} properties when an object is written and decrypts them when it is
 * read, with the {@link FieldCipher} set as the {@link #ENCRYPTOR} or {@link #DECRYPTOR} attribute
 * of the {@code ObjectWriter} or {@code ObjectReader}. Without one it fails rather than send
 * plaintext or hand ciphertext to the caller as if it were the value.
 */
public final class SensitiveFieldModule extends SimpleModule {

  private static final long serialVersionUID = 1L;

  /** The {@code ObjectWriter} attribute holding the encrypting {@link FieldCipher}. */
  public static final Object ENCRYPTOR = SensitiveFieldModule.class.getName() + ".encryptor";

  /** The {@code ObjectReader} attribute holding the decrypting {@link FieldCipher}. */
  public static final Object DECRYPTOR = SensitiveFieldModule.class.getName() + ".decryptor";

  /** Creates the module, which {@link WechatPayJson#newObjectMapper()} registers. */
  public SensitiveFieldModule() {
    super("wechatpay-sensitive-fields");
  }

  @Override
  public void setupModule(SetupContext context) {
    super.setupModule(context);
    context.insertAnnotationIntrospector(new EncryptedIntrospector());
  }

  private static final class EncryptedIntrospector extends NopAnnotationIntrospector {
    private static final long serialVersionUID = 1L;

    @Override
    public Object findSerializer(Annotated member) {
      return member.hasAnnotation(Encrypted.class) ? new EncryptingSerializer() : null;
    }

    @Override
    public Object findDeserializer(Annotated member) {
      return member.hasAnnotation(Encrypted.class) ? new DecryptingDeserializer() : null;
    }
  }

  /** Writes a string, or each string of a list, as ciphertext. */
  private static final class EncryptingSerializer extends JsonSerializer<Object> {
    @Override
    public void serialize(Object value, JsonGenerator generator, SerializerProvider provider)
        throws IOException {
      FieldCipher encryptor = (FieldCipher) provider.getAttribute(ENCRYPTOR);
      if (encryptor == null) {
        throw new IllegalStateException(
            "An encrypted field was serialised without a WeChat Pay encryption key; refusing to send plaintext");
      }
      if (value instanceof Iterable<?> values) {
        generator.writeStartArray();
        for (Object element : values) {
          if (element == null) {
            throw JsonMappingException.from(
                generator,
                "The encrypted list "
                    + fieldName(generator)
                    + " holds a null element; remove it (null cannot be encrypted)");
          }
          generator.writeString(encryptor.apply(String.valueOf(element)));
        }
        generator.writeEndArray();
      } else {
        generator.writeString(encryptor.apply(String.valueOf(value)));
      }
    }
  }

  /** The name of the property being written, for messages. */
  private static String fieldName(JsonGenerator generator) {
    JsonStreamContext context = generator.getOutputContext();
    return context.inArray() && context.getParent() != null
        ? context.getParent().getCurrentName()
        : context.getCurrentName();
  }

  /** Reads a string, or an array of strings, decrypting each. */
  private static final class DecryptingDeserializer extends JsonDeserializer<Object> {
    @Override
    public Object deserialize(JsonParser parser, DeserializationContext context)
        throws IOException {
      FieldCipher decryptor = (FieldCipher) context.getAttribute(DECRYPTOR);
      if (decryptor == null) {
        throw new IllegalStateException(
            "An encrypted field was read without the merchant private key; refusing to pass ciphertext on as plaintext");
      }
      if (parser.currentToken() == JsonToken.START_ARRAY) {
        String field = parser.currentName();
        List<String> values = new ArrayList<>();
        while (parser.nextToken() != JsonToken.END_ARRAY) {
          values.add(decryptor.apply(ciphertext(parser, field)));
        }
        return values;
      }
      return decryptor.apply(ciphertext(parser, parser.currentName()));
    }

    /** The current token as ciphertext: a string, never a null, number or object read as one. */
    private static String ciphertext(JsonParser parser, String field) throws IOException {
      if (parser.currentToken() != JsonToken.VALUE_STRING) {
        throw MismatchedInputException.from(
            parser,
            String.class,
            "The encrypted field "
                + field
                + " holds "
                + parser.currentToken()
                + " where ciphertext (a string) belongs");
      }
      return parser.getText();
    }
  }
}
