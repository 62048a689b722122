package io.github.membercard.spring;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The actuator's {@code env} and {@code configprops} endpoints, asked over HTTP with {@code
 * show-values=always}, show the merchant's other properties but never the APIv3 key or the key
 * resources, under any prefix or name.
 */
@SpringBootTest(
    classes = ActuatorKeyMaterialTest.ActuatorApplication.class,
    webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
    properties = {
      "management.endpoints.web.exposure.include=env,configprops",
      "management.endpoint.env.show-values=always",
      "management.endpoint.configprops.show-values=always"
    })
class ActuatorKeyMaterialTest {

  private static final String SHOP_B_API_V3_KEY = "b7cde1ZJB1kG2e7VfTs3jQzaWizur8Gb";

  @LocalServerPort int port;

  @DynamicPropertySource
  static void merchant(DynamicPropertyRegistry registry) throws IOException {
    Path keys = Files.createTempDirectory("actuator-keys");
    for (String property : new TestKeys(keys).properties()) {
      String[] nameAndValue = property.split("=", 2);
      registry.add(nameAndValue[0], () -> nameAndValue[1]);
    }
    registry.add("shop-b.wechatpay.api-v3-key", () -> SHOP_B_API_V3_KEY);
    registry.add("SHOP_C_WECHATPAY_APIV3KEY", () -> SHOP_B_API_V3_KEY);
    // The key copied under a name that says nothing.
    registry.add("app.copied", () -> "${membercard.wechatpay.api-v3-key}");
  }

  @ParameterizedTest
  @ValueSource(strings = {"env", "configprops"})
  void theEndpointShowsValuesButNoKeyMaterial(String endpoint) throws Exception {
    HttpResponse<String> answer =
        HttpClient.newHttpClient()
            .send(
                HttpRequest.newBuilder(
                        URI.create("http://127.0.0.1:" + port + "/actuator/" + endpoint))
                    .build(),
                HttpResponse.BodyHandlers.ofString());

    assertThat(answer.statusCode()).isEqualTo(200);
    assertThat(answer.body())
        .contains(TestKeys.MERCHANT_ID)
        .contains(TestKeys.PUBLIC_KEY_ID)
        .contains("******")
        .doesNotContain(TestKeys.API_V3_KEY)
        .doesNotContain(SHOP_B_API_V3_KEY)
        .doesNotContain("apiclient_key.pem");
  }

  @SpringBootConfiguration
  @EnableAutoConfiguration
  static class ActuatorApplication {}
}
