package io.driftless.functions;

import io.driftless.model.Redact;
import io.quarkus.logging.LoggingFilter;
import java.util.logging.Filter;
import java.util.logging.LogRecord;
import org.jboss.logmanager.ExtLogRecord;

/**
 * The console's last word on every log line, the HTTP access log's included (when enabled): a URL's
 * user info and a webhook path's digest are hidden ({@link Redact#text}) whatever logged them. Set with
 * {@code quarkus.log.console.filter=driftless-redact}; the code logs redacted text itself, this
 * catches what it did not write (a library's message, a request line).
 */
@LoggingFilter(name = RedactingLogFilter.NAME)
public final class RedactingLogFilter implements Filter {
  public static final String NAME = "driftless-redact";

  @Override
  public boolean isLoggable(LogRecord record) {
    if (record instanceof ExtLogRecord ext) {
      String message = ext.getFormattedMessage();
      String redacted = Redact.text(message);
      if (redacted != null && !redacted.equals(message)) {
        ext.setParameters(null);
        ext.setMessage(redacted, ExtLogRecord.FormatStyle.NO_FORMAT);
      }
    } else if (record.getMessage() != null && record.getParameters() == null) {
      record.setMessage(Redact.text(record.getMessage()));
    }
    return true;
  }
}
