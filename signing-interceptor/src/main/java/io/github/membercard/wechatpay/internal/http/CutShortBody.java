package io.github.membercard.wechatpay.internal.http;

import feign.Response;
import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.nio.charset.Charset;

/**
 * The part of an error response's body that arrived before the connection ended, short of its
 * {@code Content-Length}: {@link TransportClient} hands it on so that the error decoder can report
 * the status and what the body said, marked as cut short.
 */
final class CutShortBody implements Response.Body {

  private final byte[] received;

  CutShortBody(byte[] received) {
    this.received = received;
  }

  @Override
  public Integer length() {
    return received.length;
  }

  @Override
  public boolean isRepeatable() {
    return true;
  }

  @Override
  public InputStream asInputStream() {
    return new ByteArrayInputStream(received);
  }

  @Override
  public Reader asReader(Charset charset) {
    return new InputStreamReader(asInputStream(), charset);
  }

  @Override
  public void close() {}
}
