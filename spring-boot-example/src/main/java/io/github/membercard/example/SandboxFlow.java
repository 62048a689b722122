package io.github.membercard.example;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.membercard.client.api.BrandCardTemplatesApi;
import io.github.membercard.client.api.BrandPointsApi;
import io.github.membercard.client.model.BrandCardTemplateCreateRequest;
import io.github.membercard.client.model.UserPointBalance;
import io.github.membercard.spring.MemberCardProperties;
import io.github.membercard.wechatpay.WechatPayException;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.core.env.Environment;
import org.springframework.stereotype.Component;

/**
 * The example's flow against the standalone sandbox (docs/sandbox.md): create a brand card template
 * whose notify URL is the application's webhook, have a member pick it up through the sandbox's
 * admin API, wait until {@link NewMemberListener} has confirmed the card, then sync the member's
 * points.
 */
@Component
@ConditionalOnProperty(name = MemberCardExampleApplication.SANDBOX, havingValue = "true")
class SandboxFlow implements ApplicationRunner {

  private static final String MEMBER = "oExampleMember";
  private static final String TEMPLATE =
      "{\"brand_id\":\"1004\",\"appid\":\"wxea9c30890f48d5ae\",\"card_type\":\"NORMAL\","
          + "\"card_title\":\"示例会员卡\",\"card_color\":\"#FFFF00\","
          + "\"card_picture_url\":\"https://wxpaylogo.qpic.cn/wxpaylogo/xxxxx/0\","
          + "\"code_mode\":\"SYSTEM_ALLOCATE\",\"code_type\":\"NONE_CODE\","
          + "\"benefits\":\"会员折扣\",\"valid_date_information\":{\"type\":\"FIX_TIME_RANGE\","
          + "\"available_begin_time\":\"2020-05-20T13:29:35.120+08:00\","
          + "\"available_end_time\":\"2030-05-20T13:29:35.120+08:00\"}}";

  private final BrandCardTemplatesApi templates;
  private final BrandPointsApi points;
  private final MemberCardProperties properties;
  private final Environment environment;
  private final ObjectMapper json = new ObjectMapper().findAndRegisterModules();
  private final HttpClient admin =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
  private volatile boolean succeeded;

  SandboxFlow(
      BrandCardTemplatesApi templates,
      BrandPointsApi points,
      MemberCardProperties properties,
      Environment environment) {
    this.templates = templates;
    this.points = points;
    this.properties = properties;
    this.environment = environment;
  }

  @Override
  public void run(ApplicationArguments args) throws IOException, InterruptedException {
    try {
      String notifyUrl =
          "http://127.0.0.1:"
              + environment.getRequiredProperty("local.server.port")
              + properties.getWebhook().getPath();
      ObjectNode template = (ObjectNode) json.readTree(TEMPLATE);
      template.put("notify_url", notifyUrl);
      String cardId =
          templates
              .createBrandCardTemplate(
                  json.treeToValue(template, BrandCardTemplateCreateRequest.class))
              .getCardId();
      System.out.println("1 createBrandCardTemplate: card " + cardId + ", notify URL " + notifyUrl);

      JsonNode picked =
          admin(
              "POST",
              "/sandbox/members/" + MEMBER + "/pickUpCard",
              "{\"card_id\":\"" + cardId + "\"}");
      String code = picked.get("code").asText();
      System.out.println("2 a member picks the card up: code " + code);

      String state = awaitConfirmed(code);
      System.out.println("3 the webhook confirmed it: " + state);

      UserPointBalance balance =
          points.syncUserPoints(
              new UserPointBalance()
                  .outRequestNo("example-sandbox-points-" + code)
                  .brandId("1004")
                  .cardId(cardId)
                  .openid(MEMBER)
                  .userCardCode(code)
                  .pointBalance(1000L));
      System.out.println("4 syncUserPoints: point balance " + balance.getPointBalance());
      succeeded = "EFFECTIVE".equals(state);
      System.out.println(succeeded ? "OK" : "FAILED: the card is " + state);
    } catch (WechatPayException e) {
      System.out.println("FAILED: " + e.getMessage());
    }
  }

  boolean succeeded() {
    return succeeded;
  }

  /** Waits, at most 20 seconds, for the member's card to leave {@code UNACTIVATED}. */
  private String awaitConfirmed(String code) throws IOException, InterruptedException {
    long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
    while (true) {
      for (JsonNode card : admin("GET", "/sandbox/state/brandUserCard", null).get("items")) {
        String state = card.path("user_card_state").asText();
        if (code.equals(card.path("user_card_code").asText()) && !"UNACTIVATED".equals(state)) {
          return state;
        }
      }
      if (System.nanoTime() > deadline) {
        return "UNACTIVATED";
      }
      Thread.sleep(100);
    }
  }

  private JsonNode admin(String method, String path, String body)
      throws IOException, InterruptedException {
    HttpResponse<String> answer =
        admin.send(
            HttpRequest.newBuilder(URI.create(properties.getBaseUrl() + path))
                .timeout(Duration.ofSeconds(10))
                .header("Content-Type", "application/json")
                .method(
                    method,
                    body == null
                        ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8))
                .build(),
            HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
    if (answer.statusCode() != 200) {
      throw new IllegalStateException(
          "The sandbox answered " + path + " with " + answer.statusCode() + ": " + answer.body());
    }
    return json.readTree(answer.body());
  }
}
