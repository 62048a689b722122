package io.github.membercard.fake;

import com.github.tomakehurst.wiremock.extension.ResponseTransformerV2;
import com.github.tomakehurst.wiremock.http.HttpHeader;
import com.github.tomakehurst.wiremock.http.Response;
import com.github.tomakehurst.wiremock.stubbing.ServeEvent;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.function.Supplier;

/**
 * Sends a response badly when its stub asks for it: stalled part-way through its body, or cut short
 * of the {@code Content-Length} it declares. WireMock writes a response's body with {@link
 * InputStream#transferTo} and reads it everywhere else (signing, its request journal) with {@link
 * InputStream#readAllBytes}: the bodies here give the whole body to a read and misbehave only when
 * transferred, flushing the first half before they stall or stop. Jetty closes a connection whose
 * answer ends short of its {@code Content-Length}.
 */
final class WireFaults implements ResponseTransformerV2 {

  @Override
  public String getName() {
    return "wechatpay-wire-faults";
  }

  @Override
  public Response transform(Response response, ServeEvent event) {
    String wire = StubTags.get(event, StubTags.WIRE);
    if (StubTags.STALLED.equals(wire)) {
      byte[] body = response.getBody();
      long stallMillis = StubTags.getLong(event, StubTags.STALL_MILLIS);
      return send(
          response, response.getStatus(), body.length, () -> new Stalled(body, stallMillis));
    }
    if (StubTags.TRUNCATED.equals(wire)) {
      byte[] body = response.getBody();
      // A 204 may carry no body; a 200 declaring one byte can be cut short of it.
      return body.length == 0
          ? send(response, 200, 1, () -> new Truncated(body))
          : send(response, response.getStatus(), body.length, () -> new Truncated(body));
    }
    return response;
  }

  private static Response send(
      Response response, int status, int contentLength, Supplier<InputStream> body) {
    return Response.Builder.like(response)
        .but()
        .status(status)
        .headers(
            response
                .getHeaders()
                .plus(new HttpHeader("Content-Length", Integer.toString(contentLength))))
        .body(body::get)
        .build();
  }

  /**
   * Sends the status, the headers and the first half of the body, waits, then sends the rest; holds
   * back a response without a body whole, since its headers would complete it.
   */
  private static final class Stalled extends ByteArrayInputStream {

    private final long stallMillis;

    Stalled(byte[] body, long stallMillis) {
      super(body);
      this.stallMillis = stallMillis;
    }

    @Override
    public synchronized long transferTo(OutputStream out) throws IOException {
      int half = count / 2;
      if (count > 0) {
        out.write(buf, 0, half);
        out.flush();
      }
      try {
        Thread.sleep(stallMillis);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IOException("Interrupted while stalling the response", e);
      }
      out.write(buf, half, count - half);
      return count;
    }
  }

  /** Sends and flushes the first half of the body, then ends, short of its declared length. */
  private static final class Truncated extends ByteArrayInputStream {

    Truncated(byte[] body) {
      super(body);
    }

    @Override
    public synchronized long transferTo(OutputStream out) throws IOException {
      int half = count / 2;
      out.write(buf, 0, half);
      out.flush();
      return half;
    }
  }
}
