package io.driftless.helm.render;

import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Optional;

/**
 * Hides Helm's hook annotations from Helm while it renders, so that {@code helm template} (which in
 * helm-java prints only the release manifest and drops every hook) prints the hooks too: before
 * rendering, {@code helm.sh/hook} becomes {@link #HELD} in every text file of the chart and in the
 * values; after rendering, the output gets the original key back, and the hooks are sorted out of it
 * by their annotations exactly as Helm's manifest sorter does.
 */
final class HookAnnotations {
  static final String HOOK = "helm.sh/hook";
  static final String HELD = "helm.sh/driftless-held-hook";

  private HookAnnotations() {}

  /** The file with the hook annotation keys held, or empty when it is not UTF-8 text or has none. */
  static Optional<byte[]> hold(byte[] data) {
    Optional<String> text = utf8(data);
    if (text.isEmpty() || !text.get().contains(HOOK)) {
      return Optional.empty();
    }
    return Optional.of(text.get().replace(HOOK, HELD).getBytes(StandardCharsets.UTF_8));
  }

  static String holdText(String text) {
    return text.replace(HOOK, HELD);
  }

  static String restore(String text) {
    return text.replace(HELD, HOOK);
  }

  static Optional<String> utf8(byte[] data) {
    try {
      CharBuffer chars = StandardCharsets.UTF_8.newDecoder()
          .onMalformedInput(CodingErrorAction.REPORT)
          .onUnmappableCharacter(CodingErrorAction.REPORT)
          .decode(ByteBuffer.wrap(data));
      return Optional.of(chars.toString());
    } catch (CharacterCodingException binary) {
      return Optional.empty();
    }
  }

  /** Helm's hook events and their names ({@code test-success} is Helm 2's name for {@code test}). */
  static final Map<String, String> EVENTS = Map.ofEntries(
      Map.entry("pre-install", "pre-install"),
      Map.entry("post-install", "post-install"),
      Map.entry("pre-delete", "pre-delete"),
      Map.entry("post-delete", "post-delete"),
      Map.entry("pre-upgrade", "pre-upgrade"),
      Map.entry("post-upgrade", "post-upgrade"),
      Map.entry("pre-rollback", "pre-rollback"),
      Map.entry("post-rollback", "post-rollback"),
      Map.entry("test", "test"),
      Map.entry("test-success", "test"));
}
