package io.driftless.testing;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.logging.Handler;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

/** Every log line (message and any exception) written through java.util.logging while it is open. */
public final class LogLines extends Handler implements AutoCloseable {
  private final List<String> lines = new CopyOnWriteArrayList<>();

  private LogLines() {}

  /** Starts capturing at the root logger. */
  public static LogLines capture() {
    LogLines capture = new LogLines();
    Logger.getLogger("").addHandler(capture);
    return capture;
  }

  /** The lines so far, one per record. */
  public String text() {
    return String.join("\n", lines);
  }

  @Override
  public void publish(LogRecord r) {
    lines.add(r.getMessage() + (r.getThrown() == null ? "" : " " + r.getThrown()));
  }

  @Override
  public void flush() {}

  @Override
  public void close() {
    Logger.getLogger("").removeHandler(this);
  }
}
