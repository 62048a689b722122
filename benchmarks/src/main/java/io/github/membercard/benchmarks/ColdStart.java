package io.github.membercard.benchmarks;

import java.nio.file.Path;

/**
 * A fresh JVM's first verified call: builds one client from key files, makes one GET against a
 * running {@link ReplayServer}, and exits. {@link BenchmarkTable} times it from process start to
 * exit.
 */
public final class ColdStart {

  private ColdStart() {}

  /**
   * Makes the first call.
   *
   * @param args the client ({@code membercard}, {@code wechatpay-java}, or {@code none} for the JVM
   *     alone), the server's base URL, and the directory of key files
   */
  public static void main(String[] args) {
    String client = args[0];
    String baseUrl = args[1];
    Path keys = Path.of(args[2]);
    Calls calls =
        switch (client) {
          case MemberCardCalls.NAME -> MemberCardCalls.fromFiles(baseUrl, keys, null);
          case MemberCardCalls.JDK_NAME ->
              MemberCardCalls.fromFiles(baseUrl, keys, MemberCardCalls.jdkTransport());
          case WechatPayJavaCalls.NAME -> WechatPayJavaCalls.fromFiles(baseUrl, keys);
          default -> null;
        };
    if (calls != null && calls.call(Shape.GET) == null) {
      throw new IllegalStateException("no response");
    }
  }
}
