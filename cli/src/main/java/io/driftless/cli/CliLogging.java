package io.driftless.cli;

import java.io.PrintWriter;
import java.util.logging.Formatter;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

/**
 * Where the CLI's logs go: to stderr, warnings and errors only unless {@code -v} (info) or {@code -vv}
 * (debug), so that stdout holds only what the command prints. Configured once per command line, before
 * the command runs. Two frameworks log in this process: java.util.logging (the engine, sqlite4java
 * under DynamoDB Local) and SLF4J through slf4j-simple (jgit, Netty, Vert.x, DynamoDB Local's log4j via
 * log4j-to-slf4j, commons-logging via jcl-over-slf4j).
 *
 * <p>slf4j-simple writes to stderr and reads its level once, when the first logger is made: the level
 * is set here as a system property before that (in a fresh CLI process nothing has logged yet), unless
 * the JVM was started with one. Helm's Go library (helm-java, in-process) logs with Go's standard
 * logger, which writes to file descriptor 2 directly: stderr, never stdout, and not filtered by -v.
 */
final class CliLogging {
  static final String SLF4J_LEVEL = "org.slf4j.simpleLogger.defaultLogLevel";
  static final String SLF4J_DRIFTLESS_LEVEL = "org.slf4j.simpleLogger.log.io.driftless";
  private static final String GIVEN_SLF4J_LEVEL = System.getProperty(SLF4J_LEVEL);
  /** Held: java.util.logging forgets the level of a logger nothing references. */
  private static final Logger DRIFTLESS = Logger.getLogger("io.driftless");

  private CliLogging() {}

  /**
   * Logs at WARNING and above ({@code verbosity} 0), INFO (1), and Driftless's own debug lines too (2 and
   * more: the libraries' debug output, the JDK's included, would bury them), on {@code err}.
   */
  static synchronized void configure(int verbosity, PrintWriter err) {
    Level level = verbosity <= 0 ? Level.WARNING : Level.INFO;
    Logger root = Logger.getLogger("");
    for (Handler handler : root.getHandlers()) {
      root.removeHandler(handler);
    }
    Handler handler = new LineHandler(err);
    handler.setLevel(verbosity >= 2 ? Level.FINE : level);
    root.addHandler(handler);
    root.setLevel(level);
    DRIFTLESS.setLevel(verbosity >= 2 ? Level.FINE : null);
    if (GIVEN_SLF4J_LEVEL == null) {
      System.setProperty(SLF4J_LEVEL, verbosity <= 0 ? "warn" : "info");
      System.setProperty(SLF4J_DRIFTLESS_LEVEL, verbosity >= 2 ? "debug" : verbosity == 1 ? "info" : "warn");
    }
  }

  /** One line a record: {@code LEVEL: message}, and what was thrown (its stack trace too when debugging). */
  private static final class LineHandler extends Handler {
    private final PrintWriter err;

    LineHandler(PrintWriter err) {
      this.err = err;
      setFormatter(new Formatter() {
        @Override
        public String format(LogRecord record) {
          return record.getLevel().getName() + ": " + formatMessage(record)
              + (record.getThrown() == null ? "" : " (" + ErrorLine.describe(record.getThrown()) + ")");
        }
      });
    }

    @Override
    public void publish(LogRecord record) {
      if (!isLoggable(record)) {
        return;
      }
      synchronized (err) {
        err.println(getFormatter().format(record));
        if (record.getThrown() != null && getLevel().intValue() < Level.INFO.intValue()) {
          record.getThrown().printStackTrace(err);
        }
        err.flush();
      }
    }

    @Override
    public void flush() {
      err.flush();
    }

    @Override
    public void close() {
      flush();
    }
  }
}
