package io.github.membercard.wechatpay.internal.http;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectWriter;
import feign.MethodMetadata;
import feign.Request;
import feign.RequestTemplate;
import io.github.membercard.wechatpay.internal.auth.WechatPayProtocol;
import io.github.membercard.wechatpay.internal.json.LogMasking;
import java.net.URI;
import java.util.Collection;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.StringJoiner;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What the runtime logs of an exchange, through SLF4J under {@value #LOGGER_NAME}: at DEBUG one
 * line per call, at TRACE the exchange's headers and its bodies as models. Redacted unless the
 * client was built with {@code unsafeLogUnredacted(true)}: paths show their templates ({@code
 * /cards/{card_id}/codes/{code}}), never parameter values such as card codes; bodies are the models
 * written with personal data masked ({@link LogMasking}), never raw bytes. Whatever the setting,
 * {@code Authorization} and {@code Wechatpay-Signature}, queries (which may hold an encrypted
 * value) and encrypted fields, plaintext or ciphertext, appear in no line.
 */
public final class ExchangeLog {

  /** The SLF4J logger every line of an exchange goes to. */
  public static final String LOGGER_NAME = "io.github.membercard.wechatpay.http";

  private static final Logger LOG = LoggerFactory.getLogger(LOGGER_NAME);

  private static final Set<String> SECRET_HEADERS =
      Set.of(
          WechatPayProtocol.AUTHORIZATION.toLowerCase(Locale.ROOT),
          WechatPayProtocol.WECHATPAY_SIGNATURE.toLowerCase(Locale.ROOT));

  private final ObjectMapper mapper;
  private final boolean unredacted;
  // Built on the first body logged at TRACE: most clients never log one, and it copies the mapper.
  private volatile ObjectWriter bodies;

  /**
   * Creates the log of a client's exchanges.
   *
   * @param mapper the client's mapper, whose configuration bodies are written with
   * @param unredacted true only for an explicitly unsafe log of personal data and path values
   */
  public ExchangeLog(ObjectMapper mapper, boolean unredacted) {
    this.mapper = Objects.requireNonNull(mapper, "mapper");
    this.unredacted = unredacted;
  }

  /** Returns the logger, for the one-line summary of each call. */
  Logger logger() {
    return LOG;
  }

  /**
   * Returns a request's path as a log line may show it: its {@link #templatePath}, or its path in
   * an unredacted log; never its query.
   */
  String path(Request request) {
    return unredacted ? URI.create(request.url()).getRawPath() : templatePath(request);
  }

  /**
   * Returns the path template of the operation a request was made through, such as {@code
   * /v3/members/{code}}: what a log line or exception message may say of its path, since the values
   * of path parameters (card codes) are personal data. A raw request gives {@code (raw request)}; a
   * request built by hand, with no operation behind it, gives its own path. Never the query.
   *
   * @param request the request
   * @return its path template, or its path when it has none
   */
  public static String templatePath(Request request) {
    RequestTemplate template = request.requestTemplate();
    MethodMetadata metadata = template == null ? null : template.methodMetadata();
    if (metadata == null) {
      return URI.create(request.url()).getRawPath();
    }
    return metadata.method().getDeclaringClass() == RawRequests.Operations.class
        ? "(raw request)"
        : metadata.template().path();
  }

  /**
   * Writes the headers a log line may show: all but those carrying signatures, each name and value
   * cleaned and cut ({@link UntrustedText#header}), since a response's headers are anyone's text.
   */
  String headers(Map<String, Collection<String>> headers) {
    StringJoiner shown = new StringJoiner(", ", "{", "}");
    headers.forEach(
        (name, values) -> {
          if (name != null && !SECRET_HEADERS.contains(name.toLowerCase(Locale.ROOT))) {
            StringJoiner cleaned = new StringJoiner(", ", "[", "]");
            values.forEach(value -> cleaned.add(UntrustedText.header(value)));
            shown.add(UntrustedText.header(name) + "=" + cleaned);
          }
        });
    return shown.toString();
  }

  /**
   * Logs a body at TRACE as its model, masked as the class says.
   *
   * @param what which body, such as {@code "request body"}
   * @param model the model the body was written from or read into
   */
  public void body(String what, Object model) {
    if (LOG.isTraceEnabled()) {
      LOG.trace("{}: {}", what, masked(model));
    }
  }

  private String masked(Object model) {
    if (!unredacted && !isModel(model)) {
      return "(" + model.getClass().getSimpleName() + ", not a model: left out)";
    }
    ObjectWriter writer = bodies;
    if (writer == null) {
      writer = LogMasking.writer(mapper, unredacted); // a race builds two alike; either will do
      bodies = writer;
    }
    try {
      return writer.writeValueAsString(model);
    } catch (JsonProcessingException e) {
      return "(" + model.getClass().getSimpleName() + ": cannot be written)";
    }
  }

  /** A model says which of its properties are personal; a tree, map or text cannot. */
  private static boolean isModel(Object value) {
    return !(value instanceof JsonNode
        || value instanceof Map
        || value instanceof Collection
        || value instanceof CharSequence
        || value instanceof byte[]);
  }
}
