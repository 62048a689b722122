package io.github.membercard.demo;

import io.github.membercard.client.api.BrandUserCardsApi;
import io.github.membercard.client.api.BrandUserCardsApi.ConfirmUserCardParams;
import io.github.membercard.client.model.ConfirmUserCardRequest;
import io.github.membercard.client.model.UserCard;
import io.github.membercard.client.model.UserCardConfirmState;
import io.github.membercard.client.model.UserCardEvent;
import io.github.membercard.wechatpay.Acknowledgement;
import io.github.membercard.wechatpay.Notification;
import io.github.membercard.wechatpay.WechatPayException;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;

/**
 * Answers {@code BRAND_MEMBER_CARD_SP.USER_CARD.CREATE} by confirming the new member's card. WeChat
 * Pay redelivers a notification until it is acknowledged, so a notification id is confirmed once
 * and a redelivery is only acknowledged. (This keeps the ids in memory; a real service keeps them
 * with its data, in the same transaction as the work.)
 */
final class NewMemberConfirmer implements WebhookEndpoint.Handler {

  static final String USER_CARD_CREATE = "BRAND_MEMBER_CARD_SP.USER_CARD.CREATE";

  private final BrandUserCardsApi userCards;
  private final Consumer<UserCard> confirmed;
  private final Set<String> handled = ConcurrentHashMap.newKeySet();
  private final AtomicInteger duplicates = new AtomicInteger();

  NewMemberConfirmer(BrandUserCardsApi userCards, Consumer<UserCard> confirmed) {
    this.userCards = userCards;
    this.confirmed = confirmed;
  }

  @Override
  public Acknowledgement handle(Notification notification) {
    if (!USER_CARD_CREATE.equals(notification.eventType())) {
      return Acknowledgement.success();
    }
    if (!handled.add(notification.id())) {
      duplicates.incrementAndGet();
      return Acknowledgement.success();
    }
    UserCardEvent card = notification.resource(UserCardEvent.class).orElseThrow();
    try {
      confirmed.accept(
          userCards.confirmUserCard(
              ConfirmUserCardParams.builder()
                  .userCardCode(card.getUserCardCode())
                  .cardId(card.getCardId())
                  .body(
                      new ConfirmUserCardRequest()
                          .brandId(card.getBrandId())
                          .openid(card.getOpenid())
                          .phoneNumber(card.getPhoneNumber())
                          .level(card.getLevel())
                          .validDateInformation(card.getValidDateInformation())
                          .userCardConfirmState(UserCardConfirmState.CREATE_CARD_SUCCESS))
                  .build()));
      return Acknowledgement.success();
    } catch (WechatPayException e) {
      handled.remove(notification.id());
      return Acknowledgement.failure("confirm failed; deliver again");
    }
  }

  /**
   * Counts the redeliveries that were only acknowledged, because their notification id had already
   * been confirmed.
   *
   * @return how many redeliveries were acknowledged without confirming again
   */
  int duplicates() {
    return duplicates.get();
  }
}
