package io.github.membercard.openapi.drift;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Runs the drift report on a copy of the doc pages, then on the copy with each kind of change made.
 */
class DocDriftTest {

  private static final String SYNC = "openapi/v3/brand/partner/card-member/user-points/sync.md";
  private static final String CONFIRM =
      "openapi/v3/brand/partner/card-member/user-cards/{user_card_code}/confirm.md";
  private static final String SYNC_OPERATION =
      "POST /v3/brand/partner/card-member/user-points/sync";
  private static final String CONFIRM_OPERATION =
      "POST /v3/brand/partner/card-member/user-cards/{user_card_code}/confirm";

  @TempDir Path docs;

  private final ByteArrayOutputStream out = new ByteArrayOutputStream();
  private final ByteArrayOutputStream err = new ByteArrayOutputStream();

  @BeforeEach
  void copyDocs() throws IOException {
    String dir = System.getProperty("wechatpay.docs.dir");
    assumeTrue(
        dir != null && Files.isDirectory(Path.of(dir, "openapi")),
        "WeChat Pay doc pages not found");
    Path source = Path.of(dir);
    try (Stream<Path> files = Files.walk(source)) {
      files
          .filter(Files::isRegularFile)
          .forEach(file -> copy(file, docs.resolve(source.relativize(file).toString())));
    }
  }

  @Test
  void theUnchangedPagesHaveNoDrift() {
    assertEquals(0, run(docs.toString()), out.toString(StandardCharsets.UTF_8));
    assertTrue(
        report().startsWith("No drift: the spec matches 57 documented operations and 7 events."),
        report());
  }

  @Test
  void everyKindOfChangeIsReported() throws IOException {
    edit(SYNC, "| brand_id {data-required data-indent=1} |", "| brand_id {data-indent=1} |");
    edit(
        SYNC,
        "| point_balance {data-required data-indent=1} | integer |",
        "| point_balance {data-required data-indent=1} | string |");
    edit(
        SYNC,
        "| openid {data-required data-indent=1} | string | 用户标识\n",
        "| openid {data-required data-indent=1} | string | 用户标识\n| level {data-indent=1} | string | 会员等级\n");
    edit(CONFIRM, "| card_color {data-indent=1} | string | 卡背景颜色\n", "");
    edit(
        CONFIRM,
        "`CREATE_CARD_SUCCESS` \\| `CREATE_CARD_FAIL`",
        "`CREATE_CARD_SUCCESS` \\| `CREATE_CARD_FAIL` \\| `CREATE_CARD_PENDING`");
    edit(CONFIRM, "data-encrypted=by-rsa-pubkey} | 加密的手机号", "} | 手机号");
    edit(
        "openapi/v3/marketing/membercard-open/cards/{card_id}/codes/{code}.md",
        "| 空字符串(无返回内容) {align=center colspan=3}",
        "| level | string | 用户等级");
    Files.writeString(
        docs.resolve("openapi/v3/marketing/membercard-open/cards/{card_id}/badges.md"),
        "# 发放徽章 {#post}\n\n| 请求参数 | 类型 {.type} | 描述 {.desc}\n| --- | --- | ---\n| card_id {data-required} | string | 会员卡id\n");
    Files.delete(docs.resolve("openapi/v3/brand/partner/card-member/user-feeds.md"));
    Files.copy(
        docs.resolve("webhook/v3/MEMBERCARD.ACCEPT_CARD.md"),
        docs.resolve("webhook/v3/MEMBERCARD.CARD_EXPIRE.md"));
    Files.delete(docs.resolve("webhook/v3/MEMBERCARD.USERCARD_MANAGE.md"));

    assertEquals(1, run(docs.toString()), report());
    assertReports(
        "REQUIRED_CHANGED", SYNC_OPERATION + " body.brand_id: page not required, spec required");
    assertReports(
        "TYPE_CHANGED", SYNC_OPERATION + " body.point_balance: page string, spec integer");
    assertReports(
        "FIELD_ADDED", SYNC_OPERATION + " body.level: on the page (string), not in the spec");
    assertReports(
        "FIELD_REMOVED", CONFIRM_OPERATION + " body.card_color: in the spec, not on the page");
    assertReports(
        "ENUM_CHANGED",
        CONFIRM_OPERATION
            + " body.user_card_confirm_state: page [CREATE_CARD_SUCCESS,"
            + " CREATE_CARD_FAIL, CREATE_CARD_PENDING], spec [CREATE_CARD_SUCCESS, CREATE_CARD_FAIL]");
    assertReports(
        "ENCRYPTION_CHANGED",
        CONFIRM_OPERATION + " body.phone_number: page not encrypted, spec encrypted");
    assertReports(
        "ANSWER_CHANGED",
        "PATCH /v3/marketing/membercard-open/cards/{card_id}/codes/{code} answer:"
            + " the page answers a JSON body, the spec 204 without one");
    assertReports(
        "OPERATION_ADDED",
        "POST /v3/marketing/membercard-open/cards/{card_id}/badges: documented on");
    assertReports(
        "OPERATION_REMOVED",
        "POST /v3/brand/partner/card-member/user-feeds: createUserFeed is in the spec, on no page");
    assertReports(
        "EVENT_ADDED",
        "MEMBERCARD.CARD_EXPIRE: documented on webhook/v3/MEMBERCARD.CARD_EXPIRE.md");
    assertReports("EVENT_REMOVED", "MEMBERCARD.USERCARD_MANAGE: in the spec, on no page");
    assertTrue(
        report()
            .endsWith(
                "12 difference(s) between the spec and 57 documented operations and 7 events.\n"),
        report());
  }

  @Test
  void aDirectoryWithoutPagesCannotBeCompared(@TempDir Path empty) {
    assertEquals(2, run(empty.toString()));
    assertTrue(err.toString(StandardCharsets.UTF_8).contains("No doc pages under"));
    assertEquals(2, run());
  }

  private int run(String... args) {
    return DocDrift.run(
        args,
        new PrintStream(out, true, StandardCharsets.UTF_8),
        new PrintStream(err, true, StandardCharsets.UTF_8));
  }

  private String report() {
    return out.toString(StandardCharsets.UTF_8);
  }

  private void assertReports(String kind, String line) {
    assertTrue(
        report()
            .lines()
            .anyMatch(reported -> reported.startsWith(kind + " ") && reported.contains(line)),
        kind + " " + line + " not in:\n" + report());
  }

  private void edit(String page, String from, String to) throws IOException {
    Path file = docs.resolve(page);
    String text = Files.readString(file);
    assertTrue(text.contains(from), page + " has no " + from);
    Files.writeString(file, text.replace(from, to));
  }

  private static void copy(Path from, Path to) {
    try {
      Files.createDirectories(to.getParent());
      Files.copy(from, to);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
