package io.github.membercard.openapi;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.github.membercard.openapi.drift.DocDrift;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Holds the spec to every Markdown doc page of WeChat Pay's member-card family, operations and
 * notification events alike: the drift report over the pages in the {@code wechatpay.docs.dir}
 * system property must be empty.
 */
class DocPageConformanceTest {

  @Test
  void theSpecMatchesEveryDocPage() {
    String dir = System.getProperty("wechatpay.docs.dir");
    assumeTrue(
        dir != null && Files.isDirectory(Path.of(dir, "openapi")),
        "WeChat Pay doc pages not found; set -Dwechatpay.docs.dir to the Markdown sources");

    assertEquals(List.of(), DocDrift.compare(Path.of(dir), DocDrift.packagedSpec()).drifts());
  }
}
