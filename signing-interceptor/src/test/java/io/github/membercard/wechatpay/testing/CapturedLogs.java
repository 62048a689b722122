package io.github.membercard.wechatpay.testing;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.ILoggerFactory;
import org.slf4j.IMarkerFactory;
import org.slf4j.Marker;
import org.slf4j.event.Level;
import org.slf4j.helpers.BasicMarkerFactory;
import org.slf4j.helpers.LegacyAbstractLogger;
import org.slf4j.helpers.MessageFormatter;
import org.slf4j.helpers.NOPMDCAdapter;
import org.slf4j.spi.MDCAdapter;
import org.slf4j.spi.SLF4JServiceProvider;

/**
 * The SLF4J backend of this module's tests (and of the tests that use its test jar): silent until a
 * test {@link #capture captures}, then every line of every logger at the captured level and above,
 * formatted by SLF4J as a real backend would, exceptions with their messages and stack traces.
 */
public final class CapturedLogs implements SLF4JServiceProvider {

  private static final List<String> LINES = new ArrayList<>();
  private static volatile Level threshold; // null: nothing is logged

  /** One capture: its lines, and its end when closed. */
  public static final class Capture implements AutoCloseable {
    private Capture() {}

    /**
     * Returns the lines captured so far, each {@code LEVEL logger: message}.
     *
     * @return the lines captured so far
     */
    public List<String> lines() {
      synchronized (LINES) {
        return List.copyOf(LINES);
      }
    }

    /** Returns the lines captured so far as one text. */
    public String text() {
      return String.join("\n", lines());
    }

    @Override
    public void close() {
      threshold = null;
    }
  }

  /**
   * Starts capturing every line at {@code level} and above, forgetting earlier lines.
   *
   * @param level the least level captured, such as TRACE for every line
   * @return the capture, which stops when closed
   */
  public static Capture capture(Level level) {
    synchronized (LINES) {
      LINES.clear();
    }
    threshold = level;
    return new Capture();
  }

  @Override
  public ILoggerFactory getLoggerFactory() {
    return CapturingLogger::new;
  }

  @Override
  public IMarkerFactory getMarkerFactory() {
    return new BasicMarkerFactory();
  }

  @Override
  public MDCAdapter getMDCAdapter() {
    return new NOPMDCAdapter();
  }

  @Override
  public String getRequestedApiVersion() {
    return "2.0.99";
  }

  @Override
  public void initialize() {}

  private static final class CapturingLogger extends LegacyAbstractLogger {
    private static final long serialVersionUID = 1L;

    CapturingLogger(String name) {
      this.name = name;
    }

    private static boolean enabled(Level level) {
      Level least = threshold;
      return least != null && level.toInt() >= least.toInt();
    }

    @Override
    public boolean isTraceEnabled() {
      return enabled(Level.TRACE);
    }

    @Override
    public boolean isDebugEnabled() {
      return enabled(Level.DEBUG);
    }

    @Override
    public boolean isInfoEnabled() {
      return enabled(Level.INFO);
    }

    @Override
    public boolean isWarnEnabled() {
      return enabled(Level.WARN);
    }

    @Override
    public boolean isErrorEnabled() {
      return enabled(Level.ERROR);
    }

    @Override
    protected String getFullyQualifiedCallerName() {
      return null;
    }

    @Override
    protected void handleNormalizedLoggingCall(
        Level level, Marker marker, String message, Object[] arguments, Throwable throwable) {
      StringBuilder line =
          new StringBuilder(level + " " + name + ": ")
              .append(MessageFormatter.basicArrayFormat(message, arguments));
      if (throwable != null) {
        StringWriter trace = new StringWriter();
        throwable.printStackTrace(new PrintWriter(trace));
        line.append('\n').append(trace);
      }
      synchronized (LINES) {
        LINES.add(line.toString());
      }
    }
  }
}
