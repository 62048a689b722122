package samples;

import io.github.membercard.client.api.BrandUserCardsApi;
import io.github.membercard.client.api.BrandUserCardsApi.ConfirmUserCardParams;
import io.github.membercard.client.model.ConfirmUserCardRequest;
import io.github.membercard.client.model.UserCardConfirmState;

/** The reader's own service that docs/testing.md tests: it confirms a new member's card. */
class MemberCardService {

  private final BrandUserCardsApi userCards;

  MemberCardService(BrandUserCardsApi userCards) {
    this.userCards = userCards;
  }

  void onNewMember(String userCardCode, String cardId, String phoneNumber) {
    userCards.confirmUserCard(
        ConfirmUserCardParams.builder()
            .userCardCode(userCardCode)
            .cardId(cardId)
            .body(
                new ConfirmUserCardRequest()
                    .brandId("1004")
                    .openid("obLatjnx9gnqzS4myYGmLZ7LgLBA")
                    .phoneNumber(phoneNumber)
                    .userCardConfirmState(UserCardConfirmState.CREATE_CARD_SUCCESS))
            .build());
  }
}
