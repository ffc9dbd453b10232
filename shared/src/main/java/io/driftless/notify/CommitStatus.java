package io.driftless.notify;

import io.driftless.event.Event;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The status one event asks for on one commit: {@code pending} for a {@code Progressing} event,
 * {@code success} for info, {@code failure} for error; the commit from the event's
 * {@code originRevision} or {@code revision} metadata ({@code main@sha1:<sha>}); the description
 * Flux writes (the reason split into lower-case words).
 */
record CommitStatus(String sha, State state, String context, String description) {
  private static final Pattern SHA = Pattern.compile("(?:^|[@:/])([0-9a-f]{40}|[0-9a-f]{64})$");

  enum State { PENDING, SUCCESS, FAILURE }

  /** Empty when the event asks for no status (a trace event other than Progressing). */
  static java.util.Optional<CommitStatus> of(Event event, String context) throws DeliveryException {
    State state;
    if ("Progressing".equals(event.reason())) {
      state = State.PENDING;
    } else if (event.severity() == Event.Severity.INFO) {
      state = State.SUCCESS;
    } else if (event.severity() == Event.Severity.ERROR) {
      state = State.FAILURE;
    } else {
      return java.util.Optional.empty();
    }
    String sha = commitOf(event.metadata());
    if (sha == null) {
      throw new DeliveryException("the event's revision metadata names no commit");
    }
    return java.util.Optional.of(new CommitStatus(sha, state, context, description(event.reason())));
  }

  /** The commit in {@code originRevision}, else {@code revision}; null when neither holds one. */
  static String commitOf(Map<String, String> metadata) {
    for (String key : new String[] {"originRevision", "revision"}) {
      String rev = metadata.get(key);
      if (rev != null) {
        Matcher m = SHA.matcher(rev.trim());
        if (m.find()) {
          return m.group(1);
        }
      }
    }
    return null;
  }

  /** {@code ReconciliationSucceeded} becomes {@code reconciliation succeeded}. */
  static String description(String reason) {
    List<String> words = new ArrayList<>();
    StringBuilder word = new StringBuilder();
    for (int i = 0; i < reason.length(); i++) {
      char c = reason.charAt(i);
      boolean split = Character.isUpperCase(c) && word.length() > 0
          && (!Character.isUpperCase(reason.charAt(i - 1))
              || (i + 1 < reason.length() && Character.isLowerCase(reason.charAt(i + 1))));
      if (split) {
        words.add(word.toString());
        word.setLength(0);
      }
      word.append(c);
    }
    if (word.length() > 0) {
      words.add(word.toString());
    }
    return String.join(" ", words).toLowerCase(Locale.ROOT);
  }
}
