package io.github.membercard.example;

import io.github.membercard.client.api.BrandUserCardsApi;
import io.github.membercard.client.api.BrandUserCardsApi.ConfirmUserCardParams;
import io.github.membercard.client.model.ConfirmUserCardRequest;
import io.github.membercard.client.model.UserCardConfirmState;
import io.github.membercard.client.model.UserCardEvent;
import io.github.membercard.spring.webhook.MemberCardNotificationListener;
import io.github.membercard.wechatpay.Notification;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.stereotype.Component;

/**
 * Confirms each new member's card when WeChat Pay notifies {@code USER_CARD.CREATE}, once per
 * notification id: a redelivered notification is acknowledged without a second confirm.
 */
@Component
class NewMemberListener implements MemberCardNotificationListener {

  static final String USER_CARD_CREATE = "BRAND_MEMBER_CARD_SP.USER_CARD.CREATE";

  private final BrandUserCardsApi userCards;
  // A service records handled ids in its database, with the work they caused.
  private final Set<String> handled = ConcurrentHashMap.newKeySet();

  NewMemberListener(BrandUserCardsApi userCards) {
    this.userCards = userCards;
  }

  @Override
  public void onNotification(Notification notification) {
    if (!USER_CARD_CREATE.equals(notification.eventType())
        || !(notification.resource() instanceof UserCardEvent card)) {
      return;
    }
    if (handled.contains(notification.id())) {
      System.out.println("  notification " + notification.id() + " seen before: acknowledged");
      return;
    }
    userCards.confirmUserCard(
        ConfirmUserCardParams.builder()
            .userCardCode(card.getUserCardCode())
            .cardId(card.getCardId())
            .body(
                new ConfirmUserCardRequest()
                    .brandId(card.getBrandId())
                    .openid(card.getOpenid())
                    .phoneNumber(card.getPhoneNumber())
                    .userCardConfirmState(UserCardConfirmState.CREATE_CARD_SUCCESS))
            .build());
    handled.add(notification.id());
    System.out.println("  confirmed card " + card.getUserCardCode() + " of a new member");
  }
}
