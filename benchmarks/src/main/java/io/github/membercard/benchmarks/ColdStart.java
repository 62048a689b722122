package io.github.membercard.benchmarks;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Path;

/**
 * A fresh JVM's first verified call: builds one client from key files, makes one GET against a
 * running {@link ReplayServer}, and exits. {@link BenchmarkTable} times it from process start to
 * exit.
 */
public final class ColdStart {

  /**
   * Appended to a client's name: the application has used Jackson before it builds the client, as a
   * Spring Boot web application has, so Jackson's own start-up is not the client's.
   */
  static final String JACKSON_APP = "+jackson";

  private ColdStart() {}

  /**
   * Makes the first call.
   *
   * @param args the client ({@code membercard}, {@code wechatpay-java}, or {@code none} for the JVM
   *     alone; either client followed by {@value #JACKSON_APP} to use Jackson first), the server's
   *     base URL, and the directory of key files
   * @throws IOException if the application's own use of Jackson fails
   */
  public static void main(String[] args) throws IOException {
    String client = args[0];
    if (client.endsWith(JACKSON_APP)) {
      client = client.substring(0, client.length() - JACKSON_APP.length());
      ObjectMapper application = new ObjectMapper();
      application.readValue(application.writeValueAsBytes(new Shape[] {Shape.GET}), Shape[].class);
    }
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
