package io.driftless.source.helm;

import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A semantic version read the way Helm and Flux read chart versions (Masterminds/semver v3, loose
 * mode): an optional {@code v}, missing minor and patch taken as 0, leading zeros tolerated in the
 * numbers but not in numeric prerelease identifiers. Build metadata never affects ordering.
 */
public record SemVer(long major, long minor, long patch, String prerelease, String metadata, String original)
    implements Comparable<SemVer> {

  private static final Pattern LOOSE = Pattern.compile(
      "^v?([0-9]+)(\\.[0-9]+)?(\\.[0-9]+)?"
          + "(-([0-9A-Za-z\\-]+(\\.[0-9A-Za-z\\-]+)*))?"
          + "(\\+([0-9A-Za-z\\-]+(\\.[0-9A-Za-z\\-]+)*))?$");

  /** The version, or empty when {@code text} is not one Helm would accept. */
  public static Optional<SemVer> parse(String text) {
    if (text == null) {
      return Optional.empty();
    }
    Matcher m = LOOSE.matcher(text);
    if (!m.matches()) {
      return Optional.empty();
    }
    try {
      long major = Long.parseUnsignedLong(m.group(1));
      long minor = m.group(2) == null ? 0 : Long.parseUnsignedLong(m.group(2).substring(1));
      long patch = m.group(3) == null ? 0 : Long.parseUnsignedLong(m.group(3).substring(1));
      String pre = m.group(5) == null ? "" : m.group(5);
      if (!validPrerelease(pre)) {
        return Optional.empty();
      }
      return Optional.of(new SemVer(major, minor, patch, pre, m.group(8) == null ? "" : m.group(8), text));
    } catch (NumberFormatException tooLarge) {
      return Optional.empty();
    }
  }

  public boolean isPrerelease() {
    return !prerelease.isEmpty();
  }

  @Override
  public int compareTo(SemVer o) {
    int c = Long.compareUnsigned(major, o.major);
    if (c == 0) {
      c = Long.compareUnsigned(minor, o.minor);
    }
    if (c == 0) {
      c = Long.compareUnsigned(patch, o.patch);
    }
    if (c != 0) {
      return c;
    }
    if (prerelease.isEmpty() || o.prerelease.isEmpty()) {
      return prerelease.isEmpty() == o.prerelease.isEmpty() ? 0 : (prerelease.isEmpty() ? 1 : -1);
    }
    return comparePrerelease(prerelease, o.prerelease);
  }

  /** Equal precedence: the same version, whatever the build metadata. */
  public boolean sameAs(SemVer o) {
    return compareTo(o) == 0;
  }

  @Override
  public String toString() {
    return original;
  }

  private static boolean validPrerelease(String pre) {
    if (pre.isEmpty()) {
      return true;
    }
    for (String part : pre.split("\\.", -1)) {
      if (part.isEmpty() || (part.chars().allMatch(Character::isDigit) && part.length() > 1 && part.charAt(0) == '0')) {
        return false;
      }
    }
    return true;
  }

  /** Identifier by identifier: numbers numerically and below words, words by ASCII, shorter first. */
  private static int comparePrerelease(String a, String b) {
    String[] as = a.split("\\.");
    String[] bs = b.split("\\.");
    for (int i = 0; i < Math.max(as.length, bs.length); i++) {
      if (i >= as.length) {
        return -1;
      }
      if (i >= bs.length) {
        return 1;
      }
      int c = compareIdentifier(as[i], bs[i]);
      if (c != 0) {
        return c;
      }
    }
    return 0;
  }

  private static int compareIdentifier(String a, String b) {
    boolean an = a.chars().allMatch(Character::isDigit);
    boolean bn = b.chars().allMatch(Character::isDigit);
    if (an && bn) {
      return new java.math.BigInteger(a).compareTo(new java.math.BigInteger(b));
    }
    if (an != bn) {
      return an ? -1 : 1;
    }
    return Integer.signum(a.compareTo(b));
  }
}
