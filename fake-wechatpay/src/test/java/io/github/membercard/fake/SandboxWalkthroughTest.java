package io.github.membercard.fake;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The steps of docs/sandbox.md over HTTP, on a sandbox started as {@link Sandbox} starts it: strict
 * state, admin API, keys and environment written to a directory.
 */
class SandboxWalkthroughTest {

  private static final HttpClient ADMIN = HttpClient.newHttpClient();
  private static final ObjectMapper JSON = new ObjectMapper();

  private static Path keys;
  private static FakeWechatPay sandbox;
  private static SandboxHttp merchant;
  private static WebhookReceiver webhook;

  @BeforeAll
  static void start() throws IOException {
    keys = Files.createTempDirectory("sandbox-walkthrough");
    sandbox =
        FakeWechatPay.builder()
            .strictState(true)
            .adminApi(true)
            .keysDirectory(keys)
            .redeliveryTimeScale(0.001)
            .webhookTimeout(Duration.ofSeconds(2))
            .start();
    merchant = new SandboxHttp(sandbox);
    webhook = new WebhookReceiver(sandbox);
  }

  @AfterAll
  static void stop() {
    webhook.close();
    sandbox.close();
  }

  @Test
  void theWalkthroughRunsAMemberLifecycle() throws Exception {
    // 1. The environment file names the keys, the base URL and the APIv3 key.
    String env = Files.readString(keys.resolve("sandbox.env"));
    assertTrue(env.contains("WECHATPAY_BASE_URL=" + sandbox.baseUrl()), env);
    assertTrue(env.contains("WECHATPAY_API_V3_KEY=" + sandbox.apiV3Key()), env);
    assertTrue(
        Files.readString(keys.resolve("application-sandbox.properties"))
            .contains("membercard.wechatpay.base-url=" + sandbox.baseUrl()));

    // 2. The merchant sets its callback URL and creates a member card template.
    merchant.call(
        "setCallbackUrl",
        Map.of(),
        Map.of(),
        SandboxHttp.example("setCallbackUrl").put("notify_url", webhook.url()));
    String cardId =
        merchant
            .call(
                "createCardTemplate", Map.of(), Map.of(), SandboxHttp.example("createCardTemplate"))
            .text("/card_id");

    // 3. A member picks the card up and activates it, through the admin API.
    JsonNode picked =
        admin("POST", "/sandbox/members/oWalk/pickUpCard", "{\"card_id\":\"" + cardId + "\"}", 200);
    String code = picked.get("code").asText();
    assertEquals("MEMBERCARD.ACCEPT_CARD", picked.get("eventType").asText());
    admin(
        "POST",
        "/sandbox/members/oWalk/activateCard",
        "{\"card_id\":\"" + cardId + "\",\"code\":\"" + code + "\"}",
        200);

    // 4. The merchant reads the card: effective.
    assertEquals(
        "EFFECTIVE",
        merchant
            .call("getUserCard", Map.of("card_id", cardId, "code", code), Map.of())
            .text("/user_card_status"));

    // 5. The deliveries and the journal show what happened; the webhook got both events.
    sandbox.awaitDeliveries(picked.get("notificationId").asText(), 1, Duration.ofSeconds(20));
    JsonNode deliveries = admin("GET", "/sandbox/deliveries", null, 200);
    assertTrue(deliveries.get("deliveries").size() >= 1);
    JsonNode journal = admin("GET", "/sandbox/requests?operation=getUserCard", null, 200);
    assertEquals(1, journal.get("requests").size());
    JsonNode cards = admin("GET", "/sandbox/state/membercardUserCard", null, 200);
    assertEquals("EFFECTIVE", cards.at("/items/0/user_card_status").asText());

    // 6. A fault, then reset.
    admin("POST", "/sandbox/faults/getUserCard", "{\"status\":503,\"calls\":1}", 200);
    assertEquals(
        503,
        merchant.call("getUserCard", Map.of("card_id", cardId, "code", code), Map.of()).status());
    admin("POST", "/sandbox/reset", null, 200);
    assertEquals(
        404,
        merchant.call("getUserCard", Map.of("card_id", cardId, "code", code), Map.of()).status(),
        "strict: after a reset the card is unknown");
  }

  @Test
  void badAdminRequestsNameWhatIsUnknown() throws Exception {
    JsonNode action = admin("POST", "/sandbox/members/oWalk/fly", "{}", 404);
    assertTrue(action.get("message").asText().contains("fly"));
    JsonNode member =
        admin(
            "POST", "/sandbox/members/oGhost/viewCard", "{\"card_id\":\"p\",\"code\":\"1\"}", 404);
    assertTrue(member.get("message").asText().contains("oGhost"));
    JsonNode operation = admin("GET", "/sandbox/requests?operation=getUserCardz", null, 400);
    assertTrue(operation.get("message").asText().contains("getUserCardz"));
    JsonNode resource = admin("GET", "/sandbox/state/cardz", null, 400);
    assertTrue(resource.get("message").asText().contains("cardz"));
    JsonNode fault = admin("POST", "/sandbox/faults/nope", "{\"fault\":\"CONNECTION_RESET\"}", 400);
    assertTrue(fault.get("message").asText().contains("nope"));
    admin("POST", "/sandbox/members/oWalk/pickUpCard", "not json", 400);
  }

  private static JsonNode admin(String method, String path, String body, int status)
      throws IOException, InterruptedException {
    HttpResponse<String> answer =
        ADMIN.send(
            HttpRequest.newBuilder(URI.create(sandbox.baseUrl() + path))
                .timeout(Duration.ofSeconds(20))
                .header("Content-Type", "application/json")
                .method(
                    method,
                    body == null
                        ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8))
                .build(),
            HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
    assertEquals(status, answer.statusCode(), answer.body());
    return JSON.readTree(answer.body());
  }
}
