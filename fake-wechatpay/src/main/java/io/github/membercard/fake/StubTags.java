package io.github.membercard.fake;

import com.github.tomakehurst.wiremock.common.Metadata;
import com.github.tomakehurst.wiremock.stubbing.ServeEvent;
import com.github.tomakehurst.wiremock.stubbing.StubMapping;

/** The metadata the fake puts on its stubs, read back by its transformers. */
final class StubTags {

  static final String OPERATION = "wechatpay-operation";
  static final String ANSWER = "wechatpay-answer";
  static final String SIGNING = "wechatpay-signing";

  /** The stub answers with the documented body built from the request. */
  static final String DOCUMENTED = "documented";

  /** The stub answers with the body a test gave. */
  static final String GIVEN = "given";

  /** The answer is signed correctly. */
  static final String VALID = "VALID";

  private StubTags() {}

  static Metadata of(String operationId, String answer, String signing) {
    return Metadata.metadata()
        .attr(OPERATION, operationId)
        .attr(ANSWER, answer)
        .attr(SIGNING, signing)
        .build();
  }

  static String get(ServeEvent event, String key) {
    StubMapping stub = event.getStubMapping();
    Metadata metadata = stub == null ? null : stub.getMetadata();
    return metadata == null || !metadata.containsKey(key) ? null : metadata.getString(key);
  }
}
