package io.github.membercard.wechatpay.internal.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.github.membercard.wechatpay.RawRequest;
import io.github.membercard.wechatpay.WechatPayRequestException;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class RequestTargetTest {

  private static String target(RawRequest.Builder request) {
    return RequestTarget.of(request.build(), Set.of(), plaintext -> "encrypted:" + plaintext);
  }

  @Test
  void everyByteOutsideTheUnreservedSetIsPercentEncodedInUpperCase() {
    assertEquals(
        "/v3/cards/a%20b%2Fc%3F%23%25%2B~-._%E4%BC%9A%0D%0A/codes?q=%26%3D%2B%23%25&empty=",
        target(
            RawRequest.builder(RawRequest.Method.GET, "/v3/cards/{card_id}/codes")
                .pathValue("card_id", "a b/c?#%+~-._会\r\n")
                .queryValue("q", "&=+#%")
                .queryValue("empty", "")
                .queryValue("unset", null)));
  }

  @Test
  void encryptedQueryValuesAreEncryptedBeforeTheyAreEncoded() {
    assertEquals(
        "/v3/x?phone=encrypted%3A138&other=1",
        RequestTarget.of(
            RawRequest.builder(RawRequest.Method.GET, "/v3/x")
                .queryValue("phone", "138")
                .queryValue("other", "1")
                .build(),
            Set.of("phone"),
            plaintext -> "encrypted:" + plaintext));
  }

  @Test
  void refusesEveryValueThatCannotBeASegmentAndEveryValueWithoutAPlaceholder() {
    WechatPayRequestException refused =
        assertThrows(
            WechatPayRequestException.class,
            () ->
                target(
                    RawRequest.builder(RawRequest.Method.GET, "/v3/{a}/{b}/{c}/{d}")
                        .pathValue("a", "")
                        .pathValue("b", "%2E")
                        .pathValue("c", ".%2e")
                        .pathValue("stray", "x")));
    assertEquals(
        List.of(
            "a (path): empty",
            "b (path): a dot segment (. or .., or their percent-encoded forms), which URL resolution folds away",
            "c (path): a dot segment (. or .., or their percent-encoded forms), which URL resolution folds away",
            "d (path): missing",
            "stray (path): the path has no {stray}"),
        refused.members());
  }
}
