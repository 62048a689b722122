package io.github.membercard.benchmarks;

/** One client under test: makes a signed, verified call of a given shape. */
interface Calls {

  /**
   * Makes one call and returns what the client decoded, so that nothing is optimised away.
   *
   * @param shape the request to make
   * @return the decoded answer, or {@code null} for a 204
   */
  Object call(Shape shape);

  /** Builds the client named by a benchmark parameter, against a server. */
  static Calls of(String client, String baseUrl, Fixture fixture) {
    return switch (client) {
      case MemberCardCalls.NAME -> new MemberCardCalls(baseUrl, fixture, null);
      case MemberCardCalls.JDK_NAME ->
          new MemberCardCalls(baseUrl, fixture, MemberCardCalls.jdkTransport());
      case WechatPayJavaCalls.NAME -> new WechatPayJavaCalls(baseUrl, fixture);
      default -> throw new IllegalArgumentException("unknown client " + client);
    };
  }
}
