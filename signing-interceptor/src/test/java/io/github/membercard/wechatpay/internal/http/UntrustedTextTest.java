package io.github.membercard.wechatpay.internal.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import org.junit.jupiter.api.Test;

/**
 * Unauthenticated text (error responses, headers) is cleaned before it reaches a message or a log
 * line: nothing in it can start a line, hide characters or run past its bound.
 */
class UntrustedTextTest {

  @Test
  void lineBreaksControlAndFormatCharactersBecomeSpaces() {
    String hostile = "a\rb\nc\td\u0000e\u001bf\u0085g\u2028h\u2029i\u200bj\u202ek\u0378l\u007fm";

    assertEquals("a b c d e f g h i j k l m", UntrustedText.clean(hostile, 100));
  }

  @Test
  void printableTextIsKeptAsItIs() {
    String text = "PARAM_ERROR: 参数错误 <b>\"x\"</b> 😀 ~";

    assertEquals(text, UntrustedText.clean(text, 100));
  }

  @Test
  void textOfExactlyTheBoundIsKeptWhole() {
    assertEquals("abcdef", UntrustedText.clean("abcdef", 6));
  }

  @Test
  void longerTextIsCutToTheBoundItsMarkIncluded() {
    assertEquals("abcde…", UntrustedText.clean("abcdefg", 6));
    assertEquals(6, UntrustedText.clean("a".repeat(10_000), 6).length());
  }

  @Test
  void aCutNeverSplitsASurrogatePair() {
    // The emoji is two chars; cutting between them would leave half a character.
    assertEquals("abcd…", UntrustedText.clean("abcd😀xyz", 6));
    assertEquals("abc😀…", UntrustedText.clean("abc😀xyz", 6));
  }

  @Test
  void cleaningHappensOnlyWithinWhatIsKept() {
    assertEquals("a b…", UntrustedText.clean("a\nbc\nd", 4));
  }

  @Test
  void noTextStaysNone() {
    assertNull(UntrustedText.clean(null, 10));
    assertEquals("", UntrustedText.clean("", 10));
  }
}
