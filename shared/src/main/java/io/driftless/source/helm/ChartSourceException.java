package io.driftless.source.helm;

import io.driftless.model.helm.HelmObject;
import io.driftless.source.SourceException;

/**
 * Getting a chart failed. The message is one line naming the source object ({@code
 * Kind/namespace/name}), the URL (credentials removed) and the cause; never a secret.
 */
public class ChartSourceException extends SourceException {
  public ChartSourceException(String message) {
    super(message);
  }

  public ChartSourceException(String message, Throwable cause) {
    super(message, cause);
  }

  /** {@code <file>: <Kind/namespace/name>: <message>}, the file left out when unknown. */
  public static ChartSourceException of(HelmObject source, String message) {
    String file = source.origin() == null || source.origin().isEmpty() ? "" : source.origin() + ": ";
    return new ChartSourceException(file + source.subject() + ": " + message);
  }
}
