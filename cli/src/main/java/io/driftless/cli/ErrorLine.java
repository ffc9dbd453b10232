package io.driftless.cli;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import picocli.CommandLine;

/**
 * The one line the CLI prints for a command that failed ({@code error: …}): the messages down the
 * cause chain, outermost (which names the object or file) first, each said once. An exception's type
 * is named when it says something its message does not ({@code NoSuchFileException: /a/b}); one with no
 * message at all is named with the line of Driftless code it came from, after the command that failed.
 */
final class ErrorLine {
  /** Types whose name adds nothing to their message: the message is what the user reads. */
  private static final Set<Class<?>> PLAIN = Set.of(Exception.class, RuntimeException.class,
      IllegalArgumentException.class, IllegalStateException.class, IOException.class, UncheckedIOException.class,
      CommandLine.ExecutionException.class);
  private static final int DEPTH = 20;

  private ErrorLine() {}

  /** {@code error: …} for {@code e}, thrown by the command {@code cmd}. */
  static String of(Throwable e, CommandLine cmd) {
    return "error: " + (hasMessage(e) ? describe(e) : command(cmd) + " failed: " + describe(e));
  }

  /** What went wrong, on one line, from the outermost message to the innermost cause's. */
  static String describe(Throwable e) {
    List<Throwable> chain = chain(e);
    List<String> parts = new ArrayList<>();
    for (Throwable t : chain) {
      String message = ownMessage(t);
      boolean said = message != null && parts.stream().anyMatch(p -> p.contains(message));
      if (t == chain.get(chain.size() - 1)) {
        parts.add(innermost(t, said ? null : message));
      } else if (message != null && !said) {
        parts.add(message);
      }
    }
    return parts.stream().filter(p -> !p.isEmpty()).collect(Collectors.joining(": "));
  }

  private static String innermost(Throwable t, String message) {
    if (ownMessage(t) == null) {
      return t.getClass().getSimpleName() + " at " + where(t);
    }
    boolean named = !PLAIN.contains(t.getClass()) && !t.getClass().getName().startsWith("io.driftless.");
    String type = named ? t.getClass().getSimpleName() : "";
    return message == null ? type : type.isEmpty() ? message : type + ": " + message;
  }

  private static boolean hasMessage(Throwable e) {
    return chain(e).stream().anyMatch(t -> ownMessage(t) != null);
  }

  /** {@code t}'s own message: none when blank or only its cause's {@code toString()} (Java's default). */
  private static String ownMessage(Throwable t) {
    String message = t.getMessage() == null ? null : t.getMessage().strip();
    if (message == null || message.isEmpty() || t.getCause() != null && message.equals(t.getCause().toString())) {
      return null;
    }
    return String.join(" ", message.lines().map(String::strip).filter(l -> !l.isEmpty()).toList());
  }

  private static List<Throwable> chain(Throwable e) {
    List<Throwable> chain = new ArrayList<>();
    for (Throwable t = e; t != null && !chain.contains(t) && chain.size() < DEPTH; t = t.getCause()) {
      chain.add(t);
    }
    return chain;
  }

  /** The first frame in Driftless's code, else the frame that threw. */
  private static String where(Throwable t) {
    StackTraceElement[] frames = t.getStackTrace();
    for (StackTraceElement frame : frames) {
      if (frame.getClassName().startsWith("io.driftless.")) {
        return frame.toString();
      }
    }
    return frames.length == 0 ? "an unknown place" : frames[0].toString();
  }

  /** The command as typed, without its options: {@code driftless reconcile kustomization flux-system}. */
  private static String command(CommandLine cmd) {
    List<String> words = new ArrayList<>(List.of(cmd.getCommandSpec().qualifiedName(" ")));
    if (cmd.getParseResult() != null) {
      cmd.getParseResult().matchedPositionals().forEach(p -> words.addAll(p.stringValues()));
    }
    return String.join(" ", words);
  }
}
