package io.github.membercard.wechatpay.testing;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.logging.Formatter;
import java.util.logging.Handler;
import java.util.logging.LogRecord;
import java.util.logging.SimpleFormatter;
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
 * formatted by SLF4J as a real backend would, exceptions with their messages and stack traces. A
 * capture also takes every {@code java.util.logging} record at the matching level (FINE as DEBUG,
 * FINER and FINEST as TRACE), as an application that bridges it to SLF4J would log it: the HTTP
 * library logs there.
 */
public final class CapturedLogs implements SLF4JServiceProvider {

  private static final List<String> LINES = new ArrayList<>();
  private static final java.util.logging.Logger JUL_ROOT = java.util.logging.Logger.getLogger("");
  private static final Handler JUL_CAPTURE = new JulCapture();
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
      JUL_ROOT.removeHandler(JUL_CAPTURE);
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
    JUL_ROOT.setLevel(java.util.logging.Level.ALL);
    JUL_ROOT.addHandler(JUL_CAPTURE);
    return new Capture();
  }

  private static void add(String line) {
    synchronized (LINES) {
      LINES.add(line);
    }
  }

  private static boolean enabled(Level level) {
    Level least = threshold;
    return least != null && level.toInt() >= least.toInt();
  }

  /** Takes {@code java.util.logging} records into the capture at their SLF4J level. */
  private static final class JulCapture extends Handler {
    private final Formatter formatter = new SimpleFormatter();

    JulCapture() {
      setLevel(java.util.logging.Level.ALL);
    }

    @Override
    public void publish(LogRecord record) {
      int value = record.getLevel().intValue();
      Level level =
          value >= java.util.logging.Level.SEVERE.intValue()
              ? Level.ERROR
              : value >= java.util.logging.Level.WARNING.intValue()
                  ? Level.WARN
                  : value >= java.util.logging.Level.INFO.intValue()
                      ? Level.INFO
                      : value >= java.util.logging.Level.FINE.intValue()
                          ? Level.DEBUG
                          : Level.TRACE;
      if (enabled(level)) {
        add(level + " " + record.getLoggerName() + ": " + formatter.formatMessage(record));
      }
    }

    @Override
    public void flush() {}

    @Override
    public void close() {}
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
      add(line.toString());
    }
  }
}
