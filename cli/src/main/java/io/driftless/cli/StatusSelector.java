package io.driftless.cli;

import java.util.List;
import java.util.Map;

/**
 * flux's {@code --status-selector}: {@code type=status} keeps the objects whose condition of that
 * type has that status, {@code type!=status} the others (both compared ignoring case; an object
 * without the condition matches only {@code !=}).
 */
record StatusSelector(String type, String status, boolean negated) {

  static StatusSelector parse(String text) {
    boolean negated = text.contains("!=");
    String[] parts = text.split(negated ? "!=" : "=", 2);
    if (parts.length != 2 || parts[0].isBlank()) {
      throw new IllegalArgumentException(
          "--status-selector " + text + ": expected type=status or type!=status, e.g. ready=false");
    }
    return new StatusSelector(parts[0].trim(), parts[1].trim(), negated);
  }

  boolean matches(Map<String, Object> document) {
    boolean found = false;
    if (document.get("status") instanceof Map<?, ?> s && s.get("conditions") instanceof List<?> conditions) {
      for (Object c : conditions) {
        if (c instanceof Map<?, ?> condition && type.equalsIgnoreCase(String.valueOf(condition.get("type")))) {
          found = status.equalsIgnoreCase(String.valueOf(condition.get("status")));
        }
      }
    }
    return found != negated;
  }
}
