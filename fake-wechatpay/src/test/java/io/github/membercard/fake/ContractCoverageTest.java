package io.github.membercard.fake;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.lang.reflect.Method;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/**
 * Fails when an operation of the spec has no contract test, or a contract test names no operation
 * of the spec.
 */
class ContractCoverageTest {

  /** The contract test classes: one per generated API interface, and the shared-behaviour one. */
  private static final List<String> CONTRACT_TESTS =
      List.of(
          "ContractTest",
          "BrandCardTemplatesContractTest",
          "BrandMembershipActivitiesContractTest",
          "BrandUserCardsContractTest",
          "BrandTokensContractTest",
          "MembercardTemplatesContractTest",
          "MembercardServiceModulesContractTest",
          "MembercardUserCardsContractTest",
          "MembercardBonusContractTest",
          "MembercardActivitiesContractTest",
          "MembercardCodesContractTest",
          "MembercardImportsContractTest",
          "MembercardCallbacksContractTest");

  @Test
  void everyOperationOfTheSpecHasAContractTest() throws ClassNotFoundException {
    Set<String> covered = new TreeSet<>();
    for (String name : CONTRACT_TESTS) {
      for (Method method :
          Class.forName(getClass().getPackageName() + "." + name).getDeclaredMethods()) {
        Covers covers = method.getAnnotation(Covers.class);
        if (covers != null) {
          covered.addAll(List.of(covers.value()));
        }
      }
    }
    try (FakeWechatPay wechatPay = FakeWechatPay.start()) {
      assertEquals(new TreeSet<>(wechatPay.operationIds()), covered);
    }
  }
}
