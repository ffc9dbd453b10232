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

  /**
   * {@code <file>: <Kind/namespace/name>: <message>}, the file left out when unknown or when it is the
   * object itself (a stored work item's origin is its key).
   */
  public static ChartSourceException of(HelmObject source, String message) {
    String origin = source.origin();
    String file = origin == null || origin.isEmpty() || origin.equals(source.subject()) ? "" : origin + ": ";
    return new ChartSourceException(file + source.subject() + ": " + message);
  }
}
