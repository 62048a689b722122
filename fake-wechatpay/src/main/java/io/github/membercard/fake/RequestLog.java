package io.github.membercard.fake;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.http.QueryParameter;
import com.github.tomakehurst.wiremock.stubbing.ServeEvent;
import java.io.IOException;
import java.security.PrivateKey;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads back the requests the fake's WireMock matched to an operation, with their encrypted fields
 * decrypted under the fake's WeChat Pay keys.
 */
final class RequestLog {

  private final WireMockServer server;
  private final Map<String, SpecOperation> endpoints;
  private final PlatformKeys wechatPayKeys;
  private final ObjectMapper json = new ObjectMapper();

  RequestLog(
      WireMockServer server, Map<String, SpecOperation> endpoints, PlatformKeys wechatPayKeys) {
    this.server = server;
    this.endpoints = endpoints;
    this.wechatPayKeys = wechatPayKeys;
  }

  /** Returns every request matched to an operation, oldest first. */
  List<ReceivedRequest> requests() {
    List<ReceivedRequest> received = new ArrayList<>();
    for (ServeEvent event : server.getAllServeEvents()) {
      String operationId = StubTags.get(event, StubTags.OPERATION);
      if (operationId != null) {
        received.add(0, received(operationId, event));
      }
    }
    return received;
  }

  /** Returns the requests received for one operation, oldest first. */
  List<ReceivedRequest> requests(String operationId) {
    return requests().stream().filter(r -> r.operationId().equals(operationId)).toList();
  }

  /**
   * Reads one served request, decrypting under the WeChat Pay key its {@code Wechatpay-Serial}
   * names.
   */
  private ReceivedRequest received(String operationId, ServeEvent event) {
    SpecOperation operation = endpoints.get(operationId);
    String rawBody = event.getRequest().getBodyAsString();
    String wechatpaySerial = event.getRequest().getHeader(WechatPayWire.WECHATPAY_SERIAL);
    PrivateKey key = wechatPayKeys.receivedRequestKey(wechatpaySerial);
    return new ReceivedRequest(
        operationId,
        event.getRequest().getMethod().getName(),
        event.getRequest().getUrl(),
        event.getRequest().getHeader(WechatPayWire.AUTHORIZATION),
        wechatpaySerial,
        query(operation, event, key),
        rawBody,
        plaintext(operation, rawBody, key));
  }

  /** The query parameters as sent, encrypted ones decrypted where they decrypt. */
  private static Map<String, String> query(
      SpecOperation operation, ServeEvent event, PrivateKey key) {
    Map<String, String> query = new LinkedHashMap<>();
    for (SpecOperation.QueryParameter parameter : operation.query()) {
      QueryParameter sent = event.getRequest().queryParameter(parameter.name());
      if (sent != null && sent.isPresent()) {
        query.put(
            parameter.name(),
            parameter.encrypted() ? decryptedOrAsSent(key, sent.firstValue()) : sent.firstValue());
      }
    }
    return query;
  }

  /** Decrypts a value under {@code key}, or returns it as sent when it does not decrypt. */
  private static String decryptedOrAsSent(PrivateKey key, String ciphertext) {
    return WechatPayCrypto.decrypt(key, ciphertext).orElse(ciphertext);
  }

  /**
   * Parses a request body and decrypts its encrypted fields under {@code key}, or returns {@code
   * null} when the operation takes no body, none came, or it is not valid.
   */
  private JsonNode plaintext(SpecOperation operation, String rawBody, PrivateKey key) {
    if (operation.requestSchema() == null || rawBody.isEmpty()) {
      return null;
    }
    try {
      return EncryptedFields.transform(
          operation.requestSchema(),
          json.readTree(rawBody),
          (pointer, ciphertext) -> WechatPayCrypto.decrypt(key, ciphertext).orElseThrow());
    } catch (IOException | RuntimeException e) {
      return null;
    }
  }
}
