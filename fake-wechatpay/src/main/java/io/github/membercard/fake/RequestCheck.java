package io.github.membercard.fake;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.tomakehurst.wiremock.http.QueryParameter;
import com.github.tomakehurst.wiremock.http.Request;
import java.io.IOException;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * What WeChat Pay checks of a request before it acts on it, in its order: the Authorization header,
 * {@code Wechatpay-Serial} (naming a key the fake accepts now), the query parameters (present when
 * required, encrypted ones decryptable, each value of its type and enum), the body against the
 * schema, and that every encrypted field decrypts under the key {@code Wechatpay-Serial} names.
 */
final class RequestCheck {

  /**
   * The outcome: an error response, or the request's query and body with encrypted values
   * decrypted.
   *
   * @param error the response WeChat Pay would give a bad request, or {@code null}
   * @param plaintextQuery the query parameters sent, by name, encrypted ones decrypted
   * @param plaintextBody the body, encrypted fields decrypted, or {@code null} when there is none
   */
  record Outcome(ErrorResponse error, Map<String, String> plaintextQuery, JsonNode plaintextBody) {

    static Outcome failed(ErrorResponse error) {
      return new Outcome(error, Map.of(), null);
    }
  }

  private final String merchantId;
  private final String merchantSerialNumber;
  private final PublicKey merchantPublicKey;
  private final PlatformKeys wechatPayKeys;
  private final Clock clock;
  private final SchemaCheck schemas = new SchemaCheck();
  private final ObjectMapper json = new ObjectMapper();

  RequestCheck(
      String merchantId,
      String merchantSerialNumber,
      PublicKey merchantPublicKey,
      PlatformKeys wechatPayKeys,
      Clock clock) {
    this.merchantId = merchantId;
    this.merchantSerialNumber = merchantSerialNumber;
    this.merchantPublicKey = merchantPublicKey;
    this.wechatPayKeys = wechatPayKeys;
    this.clock = clock;
  }

  Outcome check(SpecOperation operation, Request request) {
    Optional<ErrorResponse> error =
        authorization(request).or(() -> wechatpaySerial(operation, request));
    if (error.isPresent()) {
      return Outcome.failed(error.get());
    }
    PlatformKeys.NamedKey key =
        wechatPayKeys.requestKey(request.getHeader(WechatPayWire.WECHATPAY_SERIAL));
    Map<String, String> query = new LinkedHashMap<>();
    for (SpecOperation.QueryParameter parameter : operation.query()) {
      QueryParameter sent = request.queryParameter(parameter.name());
      if (sent == null || !sent.isPresent()) {
        if (parameter.required()) {
          return Outcome.failed(
              ErrorResponse.paramError(
                  parameter.name() + " is required", parameter.name(), "query"));
        }
        continue;
      }
      String value = sent.firstValue();
      if (parameter.encrypted()) {
        Optional<String> plaintext = WechatPayCrypto.decrypt(key.privateKey(), value);
        if (plaintext.isEmpty()) {
          return Outcome.failed(
              ErrorResponse.paramError(
                  "the encrypted parameter does not decrypt with the WeChat Pay key " + key.id(),
                  parameter.name(),
                  "query"));
        }
        value = plaintext.get();
      }
      Optional<SchemaCheck.Violation> violation =
          schemas.firstViolation(parameter.schema(), Schemas.typedValue(parameter.schema(), value));
      if (violation.isPresent()) {
        return Outcome.failed(
            ErrorResponse.paramError(violation.get().issue(), parameter.name(), "query"));
      }
      query.put(parameter.name(), value);
    }
    return body(operation, request, query, key);
  }

  private Optional<ErrorResponse> authorization(Request request) {
    Optional<WechatPayWire.Authorization> parsed =
        WechatPayWire.authorization(request.getHeader(WechatPayWire.AUTHORIZATION));
    if (parsed.isEmpty()) {
      return Optional.of(
          ErrorResponse.signError(
              "Authorization is missing, not "
                  + WechatPayWire.SCHEME
                  + ", or lacks one of mchid, nonce_str, timestamp, serial_no, signature"));
    }
    WechatPayWire.Authorization authorization = parsed.get();
    if (!merchantId.equals(authorization.merchantId())) {
      return Optional.of(
          ErrorResponse.signError("mchid " + authorization.merchantId() + " is not this merchant"));
    }
    if (!merchantSerialNumber.equalsIgnoreCase(authorization.serialNumber())) {
      return Optional.of(
          ErrorResponse.signError("serial_no is not the merchant certificate's serial number"));
    }
    long timestamp;
    try {
      timestamp = Long.parseLong(authorization.timestamp());
    } catch (NumberFormatException e) {
      return Optional.of(ErrorResponse.signError("timestamp is not a number"));
    }
    if (Math.abs(clock.instant().getEpochSecond() - timestamp)
        > WechatPayWire.MAX_CLOCK_SKEW.getSeconds()) {
      return Optional.of(ErrorResponse.signError("timestamp is more than 5 minutes from now"));
    }
    byte[] message =
        WechatPayWire.requestMessage(
            request.getMethod().getName(), request.getUrl(), authorization, request.getBody());
    if (!WechatPayCrypto.verify(merchantPublicKey, message, authorization.signature())) {
      return Optional.of(ErrorResponse.signError("signature does not verify"));
    }
    return Optional.empty();
  }

  private Optional<ErrorResponse> wechatpaySerial(SpecOperation operation, Request request) {
    if (operation.requiresWechatpaySerial()) {
      String serial = request.getHeader(WechatPayWire.WECHATPAY_SERIAL);
      if (serial == null || serial.isEmpty()) {
        return Optional.of(
            ErrorResponse.paramError(
                WechatPayWire.WECHATPAY_SERIAL + " is required",
                WechatPayWire.WECHATPAY_SERIAL,
                "header"));
      }
      if (!wechatPayKeys.accepts(serial)) {
        return Optional.of(
            ErrorResponse.paramError(
                WechatPayWire.WECHATPAY_SERIAL + " names no WeChat Pay key",
                WechatPayWire.WECHATPAY_SERIAL,
                "header"));
      }
    }
    return Optional.empty();
  }

  private Outcome body(
      SpecOperation operation,
      Request request,
      Map<String, String> query,
      PlatformKeys.NamedKey key) {
    if (operation.requestSchema() == null) {
      return new Outcome(null, query, null);
    }
    JsonNode body;
    try {
      body = json.readTree(request.getBody());
    } catch (IOException e) {
      body = null;
    }
    if (body == null || !body.isObject()) {
      return Outcome.failed(ErrorResponse.paramError("the body is not a JSON object", "/", "body"));
    }
    Optional<SchemaCheck.Violation> violation =
        schemas.firstViolation(operation.requestSchema(), body);
    if (violation.isPresent()) {
      return Outcome.failed(
          ErrorResponse.paramError(violation.get().issue(), violation.get().pointer(), "body"));
    }
    try {
      return new Outcome(
          null,
          query,
          EncryptedFields.transform(
              operation.requestSchema(),
              body,
              (pointer, ciphertext) -> decrypt(key.privateKey(), pointer, ciphertext)));
    } catch (UndecryptableField e) {
      return Outcome.failed(
          ErrorResponse.paramError(
              "the encrypted field does not decrypt with the WeChat Pay key " + key.id(),
              e.pointer,
              "body"));
    }
  }

  private static String decrypt(PrivateKey key, String pointer, String ciphertext) {
    return WechatPayCrypto.decrypt(key, ciphertext)
        .orElseThrow(() -> new UndecryptableField(pointer));
  }

  /** Carries the pointer of a field that would not decrypt out of the walk over the body. */
  private static final class UndecryptableField extends RuntimeException {
    private static final long serialVersionUID = 1L;
    private final String pointer;

    UndecryptableField(String pointer) {
      super(pointer, null, false, false);
      this.pointer = pointer;
    }
  }
}
