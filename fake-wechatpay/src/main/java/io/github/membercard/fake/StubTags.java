package io.github.membercard.fake;

import com.github.tomakehurst.wiremock.common.Metadata;
import com.github.tomakehurst.wiremock.stubbing.ServeEvent;
import com.github.tomakehurst.wiremock.stubbing.StubMapping;

/** The metadata the fake puts on its stubs, read back by its transformers. */
final class StubTags {

  static final String OPERATION = "wechatpay-operation";
  static final String RESPONSE = "wechatpay-response";
  static final String SIGNING = "wechatpay-signing";
  static final String WIRE = "wechatpay-wire";
  static final String STALL_MILLIS = "wechatpay-stall-millis";

  /** The stub answers with the documented body built from the request. */
  static final String DOCUMENTED = "documented";

  /** The stub answers with the body a test gave. */
  static final String GIVEN = "given";

  /** The response is signed correctly. */
  static final String VALID = "VALID";

  /** The response comes from a gateway in front of WeChat Pay: no signature, no Request-ID. */
  static final String GATEWAY = "GATEWAY";

  /** The response's body stops part-way for {@link #STALL_MILLIS}, then comes whole. */
  static final String STALLED = "stalled";

  /** The response declares its whole Content-Length but sends only part of its body. */
  static final String TRUNCATED = "truncated";

  private StubTags() {}

  static Metadata of(String operationId, String response, String signing) {
    return builder(operationId, response, signing).build();
  }

  /** Tags a stub whose response reaches the wire as {@code wire} says, stalled or truncated. */
  static Metadata of(
      String operationId, String response, String signing, String wire, long stallMillis) {
    return builder(operationId, response, signing)
        .attr(WIRE, wire)
        .attr(STALL_MILLIS, stallMillis)
        .build();
  }

  static String get(ServeEvent event, String key) {
    return get(event.getStubMapping(), key);
  }

  static String get(StubMapping stub, String key) {
    Metadata metadata = stub == null ? null : stub.getMetadata();
    return metadata == null || !metadata.containsKey(key) ? null : metadata.getString(key);
  }

  static long getLong(ServeEvent event, String key) {
    return ((Number) event.getStubMapping().getMetadata().get(key)).longValue();
  }

  private static Metadata.Builder builder(String operationId, String response, String signing) {
    return Metadata.metadata()
        .attr(OPERATION, operationId)
        .attr(RESPONSE, response)
        .attr(SIGNING, signing);
  }
}
