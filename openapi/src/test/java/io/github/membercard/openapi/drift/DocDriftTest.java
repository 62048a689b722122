package io.github.membercard.openapi.drift;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Runs the drift report on a made-up copy of the whole docs site: the member-card family's pages,
 * other products' pages and redirect pages beside them; then on the copy with each kind of change
 * made, and with each change's drafted spec edit pasted into a copy of the spec.
 */
class DocDriftTest {

  private static final String SYNC = "openapi/v3/brand/partner/card-member/user-points/sync.md";
  private static final String CONFIRM =
      "openapi/v3/brand/partner/card-member/user-cards/{user_card_code}/confirm.md";
  private static final String SYNC_OPERATION =
      "POST /v3/brand/partner/card-member/user-points/sync";
  private static final String CONFIRM_OPERATION =
      "POST /v3/brand/partner/card-member/user-cards/{user_card_code}/confirm";
  private static final String FAMILY = "57 documented operations and 7 events on 51 pages in scope";
  private static final String SKIPPED =
      "skipped 2 redirect pages in scope and 8 pages of other products";
  private static final List<String> FAMILY_PAGES =
      List.of(
          "openapi/v3/brand/partner/card-member/",
          "openapi/v3/marketing/membercard-open/",
          "openapi/v3/marketing/membercard-activity/",
          "webhook/v3/BRAND_MEMBER_CARD_SP.",
          "webhook/v3/MEMBERCARD.");
  private static final String REDIRECT =
      """
      ---
      title: Moved to %1$s
      head:
        - - meta
          - http-equiv: refresh
            content: 0;url=%1$s
      navbar: false
      sidebar: false
      ---
      """;

  @TempDir Path site;
  @TempDir Path work;

  private ByteArrayOutputStream out = new ByteArrayOutputStream();
  private ByteArrayOutputStream err = new ByteArrayOutputStream();

  @BeforeEach
  void makeTheSite() throws IOException {
    String dir = System.getProperty("wechatpay.docs.dir");
    assumeTrue(
        dir != null && Files.isDirectory(Path.of(dir, "openapi")),
        "WeChat Pay doc pages not found");
    // The family's pages, from the mirror or from a checkout of the whole site.
    Path source = Path.of(dir);
    try (Stream<Path> files = Files.walk(source)) {
      files
          .filter(Files::isRegularFile)
          .map(file -> source.relativize(file).toString().replace('\\', '/'))
          .filter(page -> FAMILY_PAGES.stream().anyMatch(page::startsWith))
          .forEach(page -> copy(source.resolve(page), site.resolve(page)));
    }
    // Other products' pages, which the family's spec does not cover.
    write("index.md", "# WeChat Pay docs\n");
    write("guide/README.md", "| not | a | page\n");
    write(
        "openapi/v3/pay/transactions/jsapi.md",
        operationPage("JSAPI下单", "post", "| appid {data-required data-indent=1} | string | 应用ID"));
    write(
        "openapi/v3/marketing/busifavor/stocks.md",
        operationPage(
            "创建商家券", "post", "| stock_name {data-required data-indent=1} | string | 批次名称"));
    write(
        "openapi/v2/pay/micropay.md",
        "# 付款码支付 {#post}\n\n| 请求参数 | 类型\n| appid | string(32) | 公众账号ID\n");
    write("openapi/v3/papay/contracts/pre-sign.md", REDIRECT.formatted("/openapi/v3/papay/x"));
    write("webhook/v3/TRANSACTION.SUCCESS.md", eventPage("TRANSACTION.SUCCESS"));
    write("webhook/v3/VIOLATION.PUNISH.md", eventPage("VIOLATION.PUNISH"));
    write("webhook/v3/WEBIZPAY.QUOTACARDEXPIRED.md", eventPage("WEBIZPAY.QUOTACARDEXPIRED"));
    write(
        "webhook/v3/MEMBERCARDSP.USER_CARD.CREATE.md",
        REDIRECT.formatted("/webhook/v3/BRAND_MEMBER_CARD_SP.USER_CARD.CREATE"));
    // Redirect pages inside the family's scope.
    write(
        "openapi/v3/brand/partner/card-member/open-user-card-tokens.md",
        REDIRECT.formatted("/openapi/v3/brand/partner/card-member/pre-auth-tokens"));
    write(
        "webhook/v3/MEMBERCARD.ACTIVATE.md",
        REDIRECT.formatted("/webhook/v3/MEMBERCARD.ACTIVATE_CARD"));
  }

  @Test
  void onTheWholeSiteOnlyTheFamilyIsComparedAndItHasNoDrift() {
    assertEquals(0, run(site.toString()), report() + err());
    assertEquals("No drift: the spec matches " + FAMILY + "; " + SKIPPED + ".\n", report());
  }

  @Test
  void everyKindOfChangeInTheFamilyIsReportedAndNoneOfOtherProducts() throws IOException {
    changeEveryKind();

    assertEquals(1, run(site.toString()), report() + err());
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
        "RESPONSE_CHANGED",
        "PATCH /v3/marketing/membercard-open/cards/{card_id}/codes/{code} answer:"
            + " the page responses a JSON body, the spec 204 without one");
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
    assertFalse(report().contains("busifavor") || report().contains("REFUND"), report());
    assertTrue(
        report()
            .endsWith(
                "12 difference(s) between the spec and 57 documented operations and 7 events on"
                    + " 51 pages in scope; skipped 2 redirect pages in scope and 10 pages of other"
                    + " products.\n"),
        report());
  }

  @Test
  void theDraftOfEveryKindOfDifferenceRemovesItOncePasted() throws IOException {
    changeEveryKind();
    assertEquals(1, runWithDraft(), report() + err());
    List<String> before = report().lines().filter(line -> line.matches("[A-Z_]+ .*")).toList();
    assertEquals(12, before.size(), report());

    // Schemas the changed pages share with unchanged ones now differ from those: drift left to
    // judge (split the schema, or the docs changed there too), not the drift the draft was for.
    assertEquals(1, pasteTheDraftAndRunAgain(), report() + err());
    Set<String> after = Set.copyOf(report().lines().toList());
    before.forEach(line -> assertFalse(after.contains(line), line + " still in:\n" + report()));
    assertReports("FIELD_REMOVED", SYNC_OPERATION + " answer.level: in the spec, not on the page");
  }

  @Test
  void addedFieldsPastedFromTheDraftAreNoLongerDrift() throws IOException {
    edit(
        CONFIRM,
        "| attach {data-indent=1} | string | 商家数据包\n",
        """
        | attach {data-indent=1} | string | 商家数据包
        | level_name {data-required data-indent=1} | string | 等级名称
        | level_information {data-indent=1} | object {data-tooltip="对应PHP的array"} | 等级信息
        | expire_time {data-indent=2} | string | 等级过期时间
        | benefits {data-required data-indent=2} | object[] {data-tooltip="对应PHP的array"} | 等级权益
        | benefit_type {data-required data-indent=3} | string | 权益类型<br/>`DISCOUNT` \\| `POINTS` 枚举值之一
        | amount {data-indent=3} | integer | 权益额度
        """);
    edit(
        CONFIRM,
        "    'attach'                  => '自定义数据说明',\n",
        """
            'attach'                  => '自定义数据说明',
            'level_name'              => '金卡',
            'level_information'       => [
              'expire_time' => '2030-05-20T13:29:35.120+08:00',
              'benefits'    => [['benefit_type' => 'DISCOUNT', 'amount' => 95,],],
            ],
        """);

    assertEquals(1, runWithDraft(), report());
    assertReports("FIELD_ADDED", CONFIRM_OPERATION + " body.level_name: on the page (string)");
    assertReports(
        "FIELD_ADDED", CONFIRM_OPERATION + " body.level_information: on the page (object)");
    assertDraft(
        """
        # paste under components > schemas > ConfirmUserCardRequest > properties:
                level_name:
                  type: string
                  description: '等级名称 (TODO: English gloss)'
                  example: 金卡
        """);
    assertDraft("      required: [brand_id, openid, user_card_confirm_state, level_name]\n");
    assertDraft(
        """
                  items:
                    $ref: '#/components/schemas/ConfirmUserCardRequestLevelInformationBenefits'
        """);
    assertDraft(
        """
                  format: date-time
                  description: '等级过期时间 (TODO: English gloss)'
                  example: '2030-05-20T13:29:35.120+08:00'
        """);
    assertDraft(
        "          format: int64\n          description: '权益额度 (TODO: English gloss)'\n          example: 95\n");
    assertDraft("      enum: [DISCOUNT, POINTS]\n");
    assertEquals(0, pasteTheDraftAndRunAgain(), report() + err());
  }

  @Test
  void anAddedEnumValuePastedFromTheDraftIsNoLongerDrift() throws IOException {
    edit(
        CONFIRM,
        "`CREATE_CARD_SUCCESS` \\| `CREATE_CARD_FAIL`",
        "`CREATE_CARD_SUCCESS` \\| `CREATE_CARD_FAIL` \\| `CREATE_CARD_PENDING`");

    assertEquals(1, runWithDraft(), report());
    assertDraft(
        """
        # replace components > schemas > UserCardConfirmState > enum with:
              enum: [CREATE_CARD_SUCCESS, CREATE_CARD_FAIL, CREATE_CARD_PENDING]
        # replace components > schemas > UserCardConfirmState > x-enum-descriptions with:
              x-enum-descriptions:
                - 开卡成功 (the card was opened)
                - 开卡失败 (opening the card failed)
                - 'TODO 中文 (TODO: what CREATE_CARD_PENDING means)'
        """);
    assertEquals(0, pasteTheDraftAndRunAgain(), report() + err());
  }

  @Test
  void anAddedOperationPastedFromTheDraftIsNoLongerDrift() throws IOException {
    write("openapi/v3/marketing/membercard-open/cards/{card_id}/badges.md", badgesPage());

    assertEquals(1, runWithDraft(), report());
    assertDraft(
        """
        # paste under paths:
          /v3/marketing/membercard-open/cards/{card_id}/badges:
            post:
              tags: [MembercardUserCards]
              operationId: TODO_postMembercardOpenCardsBadges  # an English verb phrase: createBadge, listBadges
              summary: '发放徽章 (TODO: English gloss)'
              parameters:
                - name: card_id
                  in: path
                  required: true
                  description: '会员卡id (TODO: English gloss)'
                  schema:
                    type: string
                    example: pbLatjvWOibDc5-TBnbUk1pD12o0
        """);
    assertDraft(
        """
              requestBody:
                required: true
                content:
                  application/json:
                    schema:
                      $ref: '#/components/schemas/MembercardOpenCardsBadgesRequest'
              responses:
                '200':
        """);
    assertDraft("          x-wechatpay-encrypted: true\n");
    assertEquals(0, pasteTheDraftAndRunAgain(), report() + err());
  }

  @Test
  void anAddedEventPastedFromTheDraftIsNoLongerDrift() throws IOException {
    addCardExpireEvent();

    assertEquals(1, runWithDraft(), report());
    assertDraft(
        """
        # paste under components > schemas:
            MembercardCardExpireEvent:
              type: object
              description: '会员卡过期事件 (TODO: English gloss)'
              x-wechatpay-event-types:
                - MEMBERCARD.CARD_EXPIRE
              x-wechatpay-original-type: membercard
              required: [event_type, card_id, event_time, openid]
        """);
    assertDraft(
        """
        # replace components > schemas > NotificationEventType > enum with:
              enum:
                - BRAND_MEMBER_CARD_SP.USER_CARD.CREATE
        """);
    assertDraft("    - MEMBERCARD.CARD_EXPIRE\n");
    assertEquals(0, pasteTheDraftAndRunAgain(), report() + err());
  }

  @Test
  void theDraftNeverEditsTheSpec() throws IOException {
    addCardExpireEvent();
    Path spec = specCopy();
    String before = Files.readString(spec);

    assertEquals(1, run("--draft", site.toString(), spec.toString()), report());
    assertEquals(before, Files.readString(spec));
  }

  @Test
  void anResponseFieldTypedAsARequestFilterEnumIsComparedAsTheDocsPlainString() throws IOException {
    String plain =
        """
                activity_status:
                  type: string
                  description: 活动的当前状态 (current state of the activity)
                  example: ONGOING
        """;
    String typed =
        """
                activity_status:
                  allOf: [{$ref: '#/components/schemas/MembercardActivityStatus'}]
                  x-wechatpay-typed-as: %s
        """;
    String shipped =
        """
                activity_status:
                  description: 活动的当前状态 (current state of the activity)
                  # The doc page types it as a plain string, but it takes the values of the list's
                  # activity_status filter: typed as that enum, so a caller compares like with like.
                  x-wechatpay-typed-as: MembercardActivityStatus
                  type: string
                  example: ONGOING
                  allOf:
                    - $ref: '#/components/schemas/MembercardActivityStatus'
        """;
    Path spec = specCopy();
    assertTrue(Files.readString(spec).contains(shipped));
    assertEquals(0, run(site.toString(), spec.toString()), report() + err());
    // From the docs' plain string to each way of marking the enum.
    String text = Files.readString(spec).replace(shipped, plain);

    Files.writeString(spec, text.replace(plain, typed.formatted("MembercardActivityStatus")));
    assertEquals(0, run(site.toString(), spec.toString()), report() + err());
    // The parser drops a bare $ref's siblings; the mark beside one counts all the same.
    Files.writeString(
        spec,
        text.replace(
            plain,
            "        activity_status:\n"
                + "          $ref: '#/components/schemas/MembercardActivityStatus'\n"
                + "          x-wechatpay-typed-as: MembercardActivityStatus\n"));
    assertEquals(0, run(site.toString(), spec.toString()), report() + err());

    // Once the docs list the values, the mark has done its work.
    String page = "openapi/v3/marketing/membercard-activity/activities/{activity_id}.md";
    edit(
        page,
        "| activity_status | string | 活动的当前状态\n",
        "| activity_status | string | 活动的当前状态<br/>`CREATED` \\| `ONGOING` \\| `TERMINATED` \\|"
            + " `OVER_TIME` 枚举值之一\n");
    assertEquals(1, run("--draft", site.toString(), spec.toString()), report());
    assertReports(
        "ENUM_CHANGED",
        "GET /v3/marketing/membercard-activity/activities/{activity_id} answer.activity_status:"
            + " page [CREATED, ONGOING, TERMINATED, OVER_TIME], spec []");
    assertDraft("# note: the page now lists the values: remove x-wechatpay-typed-as");
    edit(
        page,
        "活动的当前状态<br/>`CREATED` \\| `ONGOING` \\| `TERMINATED` \\| `OVER_TIME` 枚举值之一",
        "活动的当前状态");

    out = new ByteArrayOutputStream();
    Files.writeString(
        spec,
        text.replace(
            plain,
            "        activity_status:\n"
                + "          $ref: '#/components/schemas/MembercardActivityStatus'\n"));
    assertEquals(1, run("--draft", site.toString(), spec.toString()), report());
    assertReports(
        "ENUM_CHANGED",
        "GET /v3/marketing/membercard-activity/activities/{activity_id} answer.activity_status:"
            + " page [], spec [CREATED, ONGOING, TERMINATED, OVER_TIME]");
    assertDraft("mark the property x-wechatpay-typed-as");

    Files.writeString(spec, text.replace(plain, typed.formatted("MembercardActivityType")));
    assertEquals(2, run(site.toString(), spec.toString()));
    assertTrue(
        err().contains("is marked x-wechatpay-typed-as: MembercardActivityType, which must name"),
        err());
  }

  @Test
  void aSpecWithoutAScopeOrWithAPathOutsideItCannotBeCompared() throws IOException {
    Path spec = specCopy();
    String text = Files.readString(spec);
    String scope =
        text.substring(text.indexOf("x-wechatpay-docs-scope:"), text.indexOf("servers:"));

    Files.writeString(spec, text.replace(scope, ""));
    assertEquals(2, run(site.toString(), spec.toString()));
    assertTrue(err().contains("the spec declares no x-wechatpay-docs-scope"), err());

    Files.writeString(spec, text.replace("    - MEMBERCARD.\n", "    - MEMBERCARD\n"));
    assertEquals(2, run(site.toString(), spec.toString()));
    assertTrue(err().contains("event-type prefix 'MEMBERCARD' must end with . or _"), err());

    Files.writeString(spec, text.replace("    - /v3/marketing/membercard-activity/\n", ""));
    assertEquals(2, run(site.toString(), spec.toString()));
    assertTrue(
        err()
            .contains(
                "the spec's path /v3/marketing/membercard-activity/activities lies outside its"
                    + " x-wechatpay-docs-scope"),
        err());
  }

  @Test
  void aDirectoryThatIsNotADocsCheckoutCannotBeCompared(@TempDir Path empty) {
    assertEquals(2, run(empty.toString()));
    assertTrue(err().contains("not a docs checkout: no openapi/ or webhook/ folder"), err());
    assertEquals(2, run(site.resolve("openapi").toString()));
    assertEquals(2, run(site.resolve("guide").toString()));
    assertEquals(2, run());
    assertEquals(2, run("--draft"));
    assertEquals("", report());
  }

  @Test
  void aCheckoutWithoutTheFamilysPagesCannotBeCompared(@TempDir Path other) throws IOException {
    Files.createDirectories(other.resolve("openapi/v3/pay/transactions"));
    Files.writeString(
        other.resolve("openapi/v3/pay/transactions/jsapi.md"),
        operationPage("JSAPI下单", "post", "| appid {data-required data-indent=1} | string | 应用ID"));

    assertEquals(2, run(other.toString()));
    assertTrue(err().contains("no page lies in the spec's scope"), err());
    assertEquals("", report());
  }

  @Test
  void anUnreadablePageIsNamed() throws IOException {
    Files.write(
        site.resolve(SYNC), new byte[] {'#', ' ', (byte) 0xC3, (byte) 0x28, (byte) 0xFF, '\n'});

    assertCannotCompare(SYNC + ": unreadable: not UTF-8 text");
  }

  @Test
  void aPageWhoseTablesCannotBeParsedIsNamedWithItsLine() throws IOException {
    edit(
        SYNC,
        "| brand_id {data-required data-indent=1} | string |",
        "| brand_id {data-required data-indent=3} | string |");
    assertCannotCompare(SYNC + ": line 14: brand_id is nested (data-indent=3) under no object row");
  }

  @Test
  void aRowOfAnUnknownTypeIsNamed() throws IOException {
    edit(
        SYNC,
        "| point_balance {data-required data-indent=1} | integer |",
        "| point_balance {data-required data-indent=1} | int64 |");
    assertCannotCompare(SYNC + ": line 18: unknown type 'int64' of point_balance");
  }

  @Test
  void aPageWithoutItsTablesOrHeadingIsNamed() throws IOException {
    edit(CONFIRM, "| 返回字典 | 类型 {.type} | 描述 {.desc}", "| 应答 | 类型 | 描述");
    assertCannotCompare(CONFIRM + ": line 7: no table headed 返回字典 in this section");

    edit(CONFIRM, "# {{ $frontmatter.title }} {#post}", "# {{ $frontmatter.title }}");
    assertCannotCompare(CONFIRM + ": line 1: no operation heading");

    edit(
        "webhook/v3/MEMBERCARD.ACCEPT_CARD.md",
        "| 请求参数 | 类型 {.type} | 描述 {.desc}\n| --- | --- | ---",
        "| 请求参数 | 类型 {.type} | 描述 {.desc}");
    edit(CONFIRM, "# {{ $frontmatter.title }}\n", "# {{ $frontmatter.title }} {#post}\n");
    edit(CONFIRM, "| 应答 | 类型 | 描述", "| 返回字典 | 类型 {.type} | 描述 {.desc}");
    assertCannotCompare(
        "webhook/v3/MEMBERCARD.ACCEPT_CARD.md: line 18: the table has no | --- | --- | --- line");
  }

  /** One change of every kind to the family's pages, and new pages of other products. */
  private void changeEveryKind() throws IOException {
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
    write("openapi/v3/marketing/membercard-open/cards/{card_id}/badges.md", badgesPage());
    Files.delete(site.resolve("openapi/v3/brand/partner/card-member/user-feeds.md"));
    addCardExpireEvent();
    Files.delete(site.resolve("webhook/v3/MEMBERCARD.USERCARD_MANAGE.md"));
    // Other products change too: new pages and new events, none of them the family's.
    write(
        "openapi/v3/marketing/busifavor/stocks/{stock_id}.md",
        operationPage("查询商家券", "get", "| stock_id {data-required} | string | 批次号"));
    write("webhook/v3/REFUND.SUCCESS.md", eventPage("REFUND.SUCCESS"));
  }

  private void assertCannotCompare(String message) {
    out = new ByteArrayOutputStream();
    err = new ByteArrayOutputStream();
    assertEquals(2, run(site.toString()), report());
    assertTrue(err().startsWith("Cannot compare: "), err());
    assertTrue(err().contains(message), err());
    assertFalse(err().contains("Exception") || err().contains("\tat "), err());
    assertEquals("", report());
  }

  /** Pastes the printed draft into a copy of the spec and runs the report with that copy. */
  private int pasteTheDraftAndRunAgain() throws IOException {
    Path spec = specCopy();
    Files.writeString(spec, DraftPaster.apply(Files.readString(spec), report()));
    out = new ByteArrayOutputStream();
    err = new ByteArrayOutputStream();
    return run(site.toString(), spec.toString());
  }

  private int runWithDraft() {
    return run("--draft", site.toString());
  }

  private Path specCopy() throws IOException {
    Path spec = work.resolve("wechatpay-membercard.yaml");
    try (InputStream packaged = URI.create(DocDrift.packagedSpec()).toURL().openStream()) {
      Files.write(spec, packaged.readAllBytes());
    }
    return spec;
  }

  private void addCardExpireEvent() throws IOException {
    String page =
        Files.readString(site.resolve("webhook/v3/MEMBERCARD.ACCEPT_CARD.md"))
            .replace("MEMBERCARD.ACCEPT_CARD", "MEMBERCARD.CARD_EXPIRE");
    assertTrue(page.startsWith("---\ntitle: "), page);
    page = page.replaceFirst("title: [^\\n]*", "title: 会员卡过期事件(MEMBERCARD.CARD_EXPIRE)通知(JSON)");
    write("webhook/v3/MEMBERCARD.CARD_EXPIRE.md", page);
  }

  private static String badgesPage() {
    return """
        ---
        title: 发放徽章
        description: 向用户会员卡发放徽章
        ---

        # {{ $frontmatter.title }} {#post}

        | 请求参数 | 类型 {.type} | 描述 {.desc}
        | --- | --- | ---
        | card_id {data-required} | string | 会员卡id
        | json {data-required} | object {data-tooltip="对应PHP的array"} | 声明请求的`JSON`数据结构
        | code {data-required data-indent=1} | string | 会员卡code
        | badge_type {data-required data-indent=1} | string | 徽章类型<br/>`GOLD` \\| `SILVER` 枚举值之一
        | phone_number {data-indent=1} | string {data-tooltip=微信支付公钥/平台证书加密后的BASE64字符串 data-encrypted=by-rsa-pubkey} | 加密的手机号
        | detail {data-indent=1} | object {data-tooltip="对应PHP的array"} | 徽章详情
        | title {data-required data-indent=2} | string | 徽章名称
        | tags {data-indent=2} | string[] | 徽章标签
        | query {data-required} | object {data-tooltip="对应PHP的array"} | 声明请求的查询参数
        | channel {data-indent=1} | string | 渠道
        | headers {data-required} | object {data-tooltip="对应PHP的array"} | 声明请求的头参数
        | Wechatpay-Serial {data-required data-indent=1} | string | 微信支付公钥ID/平台证书序列号

        {.im-table #request}

        ::: code-group

        ```php [异步纯链式]
        $instance->v3->marketing->membercardOpen->cards->_card_id_->badges->postAsync([
          'card_id' => 'pbLatjvWOibDc5-TBnbUk1pD12o0',
          'json' => [
            'code'         => '478515832665',
            'badge_type'   => 'GOLD',
            'phone_number' => 'vvysDQeEaH3I+wRh14St0abIkvQyFgh/fbWY==',
            'detail'       => ['title' => '金徽章', 'tags' => ['a', 'b'],],
          ],
          'query' => ['channel' => 'MINIPROGRAM',],
          'headers' => ['Wechatpay-Serial' => 'PUB_KEY_ID_0114232134912410000000000000',],
        ])
        ->wait();
        ```

        :::

        | 返回字典 | 类型 {.type} | 描述 {.desc}
        | --- | --- | ---
        | badge_id {data-required} | string | 徽章ID
        | state | string | 徽章状态<br/>`SENT` \\| `FAILED` 枚举值之一
        | sent_time | string | 发放时间

        {.im-table #response}
        """;
  }

  private static String operationPage(String title, String method, String field) {
    return "---\ntitle: "
        + title
        + "\n---\n\n# {{ $frontmatter.title }} {#"
        + method
        + "}\n\n| 请求参数 | 类型 {.type} | 描述 {.desc}\n| --- | --- | ---\n"
        + "| json {data-required} | object | 声明请求的`JSON`数据结构\n"
        + field
        + "\n\n| 返回字典 | 类型 {.type} | 描述 {.desc}\n| --- | --- | ---\n| id | string | 单号\n";
  }

  private static String eventPage(String eventType) {
    return "---\ntitle: 通知("
        + eventType
        + ")\n---\n\n# {{ $frontmatter.title }} {#post}\n\n| 请求参数 | 类型 {.type} | 描述 {.desc}\n"
        + "| --- | --- | ---\n| body {data-required} | object | 通知\n"
        + "| event_type {data-required data-indent=1} | string | 通知的类型<br/>`"
        + eventType
        + "` 枚举值\n";
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

  private String err() {
    return err.toString(StandardCharsets.UTF_8);
  }

  private void assertReports(String kind, String line) {
    assertTrue(
        report()
            .lines()
            .anyMatch(reported -> reported.startsWith(kind + " ") && reported.contains(line)),
        kind + " " + line + " not in:\n" + report());
  }

  private void assertDraft(String snippet) {
    assertTrue(report().contains(snippet), snippet + "\nnot in:\n" + report());
  }

  private void edit(String page, String from, String to) throws IOException {
    Path file = site.resolve(page);
    String text = Files.readString(file);
    assertTrue(text.contains(from), page + " has no " + from);
    Files.writeString(file, text.replace(from, to));
  }

  private void write(String page, String text) throws IOException {
    Path file = site.resolve(page);
    Files.createDirectories(file.getParent());
    Files.writeString(file, text);
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
