package io.github.membercard.fake;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.function.Supplier;

/**
 * WeChat users, and WeChat Pay itself, acting on the sandbox's cards: each action changes the state
 * as {@code sandbox-rules.json} declares and sends its documented notification, signed and
 * encrypted, to the notify URL the merchant set through the API (a brand card template's {@code
 * notify_url}, or {@code setCallbackUrl}'s), else to the one configured with {@link
 * FakeWechatPay.Builder#notifyUrl}. The call returns once the state changed; delivery goes on in
 * the background.
 *
 * <p>A member is an openid that picked up a card. An action on an unknown member, card or action is
 * a {@link SandboxException} with status 404 naming it; one the state forbids (activating a deleted
 * card, syncing the points of a card that is not effective) is the error WeChat Pay answers, such
 * as {@code 400 INVALID_REQUEST}.
 */
public final class Members {

  private final SandboxState state;
  private final NotificationSender notifications;
  private final Redeliveries redeliveries;
  private final StateRules rules;
  private final Supplier<String> configuredUrl;
  private final ObjectMapper json = new ObjectMapper();

  Members(
      SandboxState state,
      NotificationSender notifications,
      Redeliveries redeliveries,
      StateRules rules,
      Supplier<String> configuredUrl) {
    this.state = state;
    this.notifications = notifications;
    this.redeliveries = redeliveries;
    this.rules = rules;
    this.configuredUrl = configuredUrl;
  }

  /**
   * Returns the actions {@link #act} accepts.
   *
   * @return {@code pickUpCard}, {@code activateCard}, {@code changeInformation}, {@code viewCard},
   *     {@code deleteCard}, {@code exchangePoints}, {@code requestPointSync}
   */
  public Set<String> actions() {
    return rules.memberActions();
  }

  /**
   * A member picks up a card of a template the merchant created: a brand card (the card waits,
   * {@code UNACTIVATED}, for the merchant's {@code confirmUserCard}; {@code
   * BRAND_MEMBER_CARD_SP.USER_CARD.CREATE}) or a member card ({@code NOT_ACTIVATE}, with a
   * deposited code if any is left; {@code MEMBERCARD.ACCEPT_CARD}).
   *
   * @param openid the member
   * @param cardId the card template's id
   * @return the new card and its notification
   */
  public MemberNotification pickUpCard(String openid, String cardId) {
    return act("pickUpCard", openid, Map.of("card_id", cardId));
  }

  /**
   * A member activates a member card ({@code MEMBERCARD.ACTIVATE_CARD}); it becomes {@code
   * EFFECTIVE}.
   *
   * @param openid the member
   * @param cardId the card template's id
   * @param code the member's card code
   * @return the card and its notification
   */
  public MemberNotification activateCard(String openid, String cardId, String code) {
    return act("activateCard", openid, card(cardId, code));
  }

  /**
   * A member changes their information on a member card ({@code MEMBERCARD.USERCARD_MANAGE}, {@code
   * USER_MODIFY_INFORMATION}).
   *
   * @param openid the member
   * @param cardId the card template's id
   * @param code the member's card code
   * @return the card and its notification
   */
  public MemberNotification changeInformation(String openid, String cardId, String code) {
    return act("changeInformation", openid, card(cardId, code));
  }

  /**
   * A member views a member card ({@code MEMBERCARD.USERCARD_MANAGE}, {@code
   * USER_VIEW_MEMBERCARD}).
   *
   * @param openid the member
   * @param cardId the card template's id
   * @param code the member's card code
   * @return the card and its notification
   */
  public MemberNotification viewCard(String openid, String cardId, String code) {
    return act("viewCard", openid, card(cardId, code));
  }

  /**
   * A member deletes a card: a brand card becomes {@code INVALID} ({@code
   * BRAND_MEMBER_CARD_SP.USER_CARD.DELETE}), a member card {@code DELETE} ({@code
   * MEMBERCARD.USERCARD_MANAGE}, {@code USER_DELETE_MEMBERCARD}).
   *
   * @param openid the member
   * @param cardId the card template's id
   * @param code the member's card code
   * @return the card and its notification
   */
  public MemberNotification deleteCard(String openid, String cardId, String code) {
    return act("deleteCard", openid, card(cardId, code));
  }

  /**
   * A member exchanges points of an effective brand card for a coupon ({@code
   * BRAND_MEMBER_CARD_SP.POINT_EXCHANGE_COUPON}): an exchange record waits for the merchant's
   * {@code confirmPointExchangeCoupon}.
   *
   * @param openid the member
   * @param code the member's brand card code
   * @param points the points to deduct
   * @return the exchange record and its notification; its {@code record_id} is in the resource
   */
  public MemberNotification exchangePoints(String openid, String code, long points) {
    return act("exchangePoints", openid, Map.of("code", code, "points", Long.toString(points)));
  }

  /**
   * WeChat Pay asks the merchant to sync a member's points ({@code
   * BRAND_MEMBER_CARD_SP.SYNC_USER_POINT}); the merchant answers with {@code syncUserPoints}.
   *
   * @param openid the member
   * @param code the member's brand card code
   * @return the card and its notification
   */
  public MemberNotification requestPointSync(String openid, String code) {
    return act("requestPointSync", openid, Map.of("code", code));
  }

  /**
   * Performs an action by name, as the admin HTTP API does.
   *
   * @param action one of {@link #actions()}
   * @param openid the member
   * @param inputs {@code card_id}, {@code code} and the action's own inputs (such as {@code
   *     points}), as text
   * @return the card or record acted on and its notification
   * @throws SandboxException naming an unknown action, member or card, or the error WeChat Pay
   *     answers an action the state forbids
   */
  public MemberNotification act(String action, String openid, Map<String, String> inputs) {
    Objects.requireNonNull(action, "action");
    Objects.requireNonNull(openid, "openid");
    SandboxState.MemberOutcome outcome = state.act(action, openid, inputs, configuredUrl.get());
    String envelope = notifications.envelope(outcome.eventType(), outcome.resource());
    redeliveries.deliver(
        outcome.notifyUrl(), outcome.eventType(), envelope, rules.schedule(outcome.eventType()));
    JsonNode item = outcome.item();
    return new MemberNotification(
        id(envelope),
        outcome.eventType(),
        outcome.notifyUrl(),
        item.path("card_id").asText(null),
        item.has("code") ? item.get("code").asText() : item.path("user_card_code").asText(null),
        outcome.resource());
  }

  private String id(String envelope) {
    try {
      return json.readTree(envelope).get("id").asText();
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  private static Map<String, String> card(String cardId, String code) {
    Map<String, String> card = new LinkedHashMap<>();
    card.put("card_id", Objects.requireNonNull(cardId, "cardId"));
    card.put("code", Objects.requireNonNull(code, "code"));
    return card;
  }
}
