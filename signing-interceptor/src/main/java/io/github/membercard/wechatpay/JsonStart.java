package io.github.membercard.wechatpay;

import com.fasterxml.jackson.annotation.JsonAnyGetter;
import com.fasterxml.jackson.annotation.JsonAnySetter;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.membercard.wechatpay.internal.json.WechatPayJson;
import java.io.IOException;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;

/**
 * Builds a client's object mapper on a thread of its own while the building thread reads keys and
 * sets up the transport: Jackson's start-up (loading and initialising some 600 classes) is the
 * longest step of building a client, and needs nothing the other steps make. Once the mapper is
 * handed over, the same thread writes and reads one small model like the generated ones, so that
 * the first call finds Jackson's bean (de)serialisation machinery (some 130 more classes) loaded.
 */
final class JsonStart {

  private final CompletableFuture<ObjectMapper> mapper = new CompletableFuture<>();

  private JsonStart() {}

  /** Starts building the mapper at once. */
  static JsonStart begin() {
    JsonStart start = new JsonStart();
    Thread thread =
        new Thread(
            () -> {
              ObjectMapper built;
              try {
                built = WechatPayJson.newObjectMapper();
              } catch (RuntimeException | Error e) {
                start.mapper.completeExceptionally(e);
                return;
              }
              start.mapper.complete(built);
              warm(built);
            },
            "wechatpay-json-start");
    thread.setDaemon(true);
    thread.start();
    return start;
  }

  /**
   * Round-trips a model through a copy of the mapper: the classes it loads are what matters, and
   * the copy keeps the serialiser caches of the client's own mapper to its own models.
   */
  private static void warm(ObjectMapper mapper) {
    try {
      ObjectMapper copy = mapper.copy();
      copy.readValue(copy.writeValueAsBytes(new Model()), Model.class);
    } catch (IOException | RuntimeException e) {
      // Only a warm-up: the first call does the same work, and reports what fails.
    }
  }

  /** Shaped like a generated model: ordered, named properties of the usual types, and the rest. */
  @JsonPropertyOrder({"text", "number", "flag", "time", "texts"})
  static final class Model {
    @JsonProperty(value = "text", required = true)
    public String text = "text";

    @JsonProperty("number")
    public Long number = 1L;

    @JsonProperty("flag")
    public Boolean flag = true;

    @JsonProperty("time")
    public OffsetDateTime time = OffsetDateTime.of(2020, 5, 20, 13, 29, 35, 0, ZoneOffset.UTC);

    @JsonProperty("texts")
    public List<String> texts = List.of("text");

    private final Map<String, Object> others = new LinkedHashMap<>();

    @JsonAnyGetter
    public Map<String, Object> others() {
      return others;
    }

    @JsonAnySetter
    public void other(String name, Object value) {
      others.put(name, value);
    }
  }

  /** Waits for the mapper; a failure to build it is thrown here, as if built on this thread. */
  ObjectMapper mapper() {
    try {
      return mapper.join();
    } catch (CompletionException e) {
      if (e.getCause() instanceof RuntimeException runtime) {
        throw runtime;
      }
      if (e.getCause() instanceof Error error) {
        throw error;
      }
      throw e;
    }
  }
}
