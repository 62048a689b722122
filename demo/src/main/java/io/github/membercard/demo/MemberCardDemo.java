package io.github.membercard.demo;

import io.github.membercard.fake.FakeWechatPay;
import io.github.membercard.wechatpay.MerchantCredentials;
import io.github.membercard.wechatpay.TransportOptions;
import io.github.membercard.wechatpay.WechatPayClient;
import io.github.membercard.wechatpay.WechatPayException;
import io.github.membercard.wechatpay.WechatPayKeys;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * Runs the member-card flow. With no credentials it starts an embedded fake WeChat Pay and runs
 * every call against it, the card confirmation answering a {@code USER_CARD.CREATE} notification
 * the fake delivers to a local notify URL. Given a merchant's credentials (environment variables,
 * or {@code --config FILE}) it calls WeChat Pay itself: only the read-only query, unless {@code
 * --write} allows the calls that change data. Exits non-zero when any call fails.
 */
public final class MemberCardDemo {

  private MemberCardDemo() {}

  public static void main(String[] args) {
    System.exit(run(List.of(args), System.getenv(), System.out, System.err));
  }

  static int run(
      List<String> args, Map<String, String> environment, PrintStream out, PrintStream err) {
    try {
      int config = args.indexOf("--config");
      DemoSettings settings =
          DemoSettings.from(environment, config < 0 ? null : Path.of(args.get(config + 1)));
      if (settings.realWechatPay()) {
        boolean writes = args.contains("--write");
        out.println(
            "Member-card demo against WeChat Pay at "
                + baseUrl(settings)
                + (writes
                    ? " (write calls allowed)"
                    : " (read-only; pass --write for the full flow)"));
        new MemberCardFlow(realClient(settings), settings, out).run(writes);
      } else {
        try (FakeWechatPay fake = FakeWechatPay.start()) {
          out.println("Member-card demo against the embedded fake WeChat Pay at " + fake.baseUrl());
          new MemberCardFlow(fake.clientBuilder(), settings, out).runWithCallbacks(fake);
        }
      }
      out.println("All calls succeeded; every response and notification was signature-verified.");
      return 0;
    } catch (WechatPayException | IllegalArgumentException | IOException | feign.FeignException e) {
      err.println("FAILED: " + e.getClass().getSimpleName() + ": " + e.getMessage());
      return 1;
    }
  }

  private static WechatPayClient.Builder realClient(DemoSettings settings) {
    return WechatPayClient.builder()
        .credentials(
            MerchantCredentials.of(
                settings.require(DemoSettings.MERCHANT_ID),
                settings.require(DemoSettings.SERIAL),
                Path.of(settings.require(DemoSettings.PRIVATE_KEY))))
        .wechatPayKeys(
            WechatPayKeys.publicKey(
                settings.require(DemoSettings.PUBLIC_KEY_ID),
                Path.of(settings.require(DemoSettings.PUBLIC_KEY))))
        .transport(TransportOptions.defaults().baseUrl(baseUrl(settings)));
  }

  private static String baseUrl(DemoSettings settings) {
    return settings.get(DemoSettings.BASE_URL, TransportOptions.DEFAULT_BASE_URL);
  }
}
