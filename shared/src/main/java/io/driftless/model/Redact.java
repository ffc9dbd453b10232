package io.driftless.model;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Removes secrets from text before it leaves the process (a message, a log line, a page, a metric):
 * the user info of URLs, which may carry a token (all of it for any scheme but ssh, the password part
 * for ssh, whose user name, such as {@code git}, stays), and the digest of a Receiver's webhook path
 * {@code /hook/<digest>}, which for some receiver types is the only credential.
 */
public final class Redact {
  /** A scheme, then user info up to its last {@code @} before the host: characters a URL may hold unquoted. */
  private static final Pattern USER_INFO =
      Pattern.compile("(?i)\\b([a-z][a-z0-9+.-]*://)([^/?#\\s\"'<>\\\\{}|^`\\[\\]]*)@");
  /** Flux's webhook path: {@code /hook/} and a SHA-256 in hex. */
  private static final Pattern HOOK = Pattern.compile("(?i)(/hook/)([0-9a-f]{6})[0-9a-f]{58}(?![0-9a-f])");
  /** How much of a webhook digest is shown: enough to tell Receivers apart, too little to call one. */
  public static final int HOOK_SHOWN = 6;

  private Redact() {}

  /** {@code text} with the user info of every URL in it hidden. */
  public static String url(String text) {
    if (text == null) {
      return null;
    }
    Matcher m = USER_INFO.matcher(text);
    StringBuilder out = new StringBuilder();
    while (m.find()) {
      String userInfo = m.group(2);
      int colon = userInfo.indexOf(':');
      String kept = !m.group(1).toLowerCase(java.util.Locale.ROOT).contains("ssh") ? "***"
          : colon < 0 ? userInfo : userInfo.substring(0, colon) + ":***";
      m.appendReplacement(out, Matcher.quoteReplacement(m.group(1) + kept + "@"));
    }
    return m.appendTail(out).toString();
  }

  /** {@code text} with URLs' user info and webhook paths' digests hidden: for anything that leaves the process. */
  public static String text(String text) {
    return text == null ? null : HOOK.matcher(url(text)).replaceAll("$1$2…");
  }

  /** A Receiver's webhook path, its digest shortened to its first {@link #HOOK_SHOWN} characters. */
  public static String hookPath(String digest) {
    return "/hook/" + (digest.length() > HOOK_SHOWN ? digest.substring(0, HOOK_SHOWN) + "…" : digest);
  }
}
