package io.driftless.source.helm;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A chart version constraint with Masterminds/semver v3 semantics, as Helm and Flux use it:
 * {@code ||} separates alternatives, a comma or whitespace joins constraints that must all hold;
 * operators {@code = != > < >= <= ~ ~> ^}; wildcards {@code x X *} and missing parts; hyphen
 * ranges {@code 1.2 - 1.4.5}. A prerelease version matches only an alternative that itself names a
 * prerelease.
 */
public final class VersionConstraint {
  private static final String OPS = "=||!=|>|<|>=|=>|<=|=<|~|~>|\\^";
  private static final String CV = "v?([0-9|x|X|\\*]+)(\\.[0-9|x|X|\\*]+)?(\\.[0-9|x|X|\\*]+)?"
      + "(-([0-9A-Za-z\\-]+(\\.[0-9A-Za-z\\-]+)*))?"
      + "(\\+([0-9A-Za-z\\-]+(\\.[0-9A-Za-z\\-]+)*))?";
  private static final Pattern ONE = Pattern.compile("^\\s*(" + OPS + ")\\s*(" + CV + ")\\s*$");
  private static final Pattern RANGE = Pattern.compile("\\s*(" + CV + ")\\s+-\\s+(" + CV + ")\\s*");
  private static final Pattern FIND = Pattern.compile("(" + OPS + ")\\s*(" + CV + ")");
  private static final Pattern VALID = Pattern.compile(
      "^(\\s*(" + OPS + ")\\s*(" + CV + ")\\s*)((?:\\s+|,\\s*)(" + OPS + ")\\s*(" + CV + ")\\s*)*$");

  private final String text;
  private final List<List<Term>> alternatives;
  private final List<Boolean> allowsPrerelease;

  private VersionConstraint(String text, List<List<Term>> alternatives, List<Boolean> allowsPrerelease) {
    this.text = text;
    this.alternatives = alternatives;
    this.allowsPrerelease = allowsPrerelease;
  }

  /** Parses {@code text}; empty means {@code *}. Throws IllegalArgumentException naming it. */
  public static VersionConstraint parse(String text) {
    String source = text == null || text.isBlank() ? "*" : text;
    String rewritten = rewriteRanges(source);
    List<List<Term>> alternatives = new ArrayList<>();
    List<Boolean> pre = new ArrayList<>();
    for (String alternative : rewritten.split("\\|\\|", -1)) {
      if (!VALID.matcher(alternative).matches()) {
        throw new IllegalArgumentException("invalid version constraint '" + source + "'");
      }
      List<Term> terms = new ArrayList<>();
      Matcher m = FIND.matcher(alternative);
      while (m.find()) {
        terms.add(Term.parse(m.group()));
      }
      alternatives.add(terms);
      pre.add(terms.stream().anyMatch(t -> t.version.isPrerelease()));
    }
    return new VersionConstraint(source, alternatives, pre);
  }

  public boolean matches(SemVer v) {
    for (int i = 0; i < alternatives.size(); i++) {
      boolean includePre = allowsPrerelease.get(i);
      if (v.isPrerelease() && !includePre) {
        continue;
      }
      if (alternatives.get(i).stream().allMatch(t -> t.matches(v))) {
        return true;
      }
    }
    return false;
  }

  @Override
  public String toString() {
    return text;
  }

  private static String rewriteRanges(String in) {
    Matcher m = RANGE.matcher(in);
    StringBuilder out = new StringBuilder();
    while (m.find()) {
      m.appendReplacement(out, Matcher.quoteReplacement(">= " + m.group(1) + ", <= " + m.group(11) + " "));
    }
    m.appendTail(out);
    return out.toString();
  }

  /** One {@code op version} with Masterminds' "dirty" flags for wildcard or missing parts. */
  private record Term(String op, SemVer version, boolean dirty, boolean minorDirty, boolean patchDirty) {

    static Term parse(String text) {
      Matcher m = ONE.matcher(text);
      if (!m.matches()) {
        throw new IllegalArgumentException("invalid version constraint '" + text + "'");
      }
      String major = m.group(3);
      String minor = m.group(4) == null ? "" : m.group(4).substring(1);
      String patch = m.group(5) == null ? "" : m.group(5).substring(1);
      String pre = m.group(6) == null ? "" : m.group(6);
      String version = m.group(2);
      boolean dirty = false;
      boolean minorDirty = false;
      boolean patchDirty = false;
      if (isX(major)) {
        version = "0.0.0" + pre;
        dirty = true;
      } else if (isX(minor) || minor.isEmpty()) {
        version = major + ".0.0" + pre;
        dirty = true;
        minorDirty = true;
      } else if (isX(patch) || patch.isEmpty()) {
        version = major + "." + minor + ".0" + pre;
        dirty = true;
        patchDirty = true;
      }
      Optional<SemVer> v = SemVer.parse(version);
      if (v.isEmpty()) {
        throw new IllegalArgumentException("invalid version constraint '" + text.trim() + "'");
      }
      return new Term(m.group(1), v.get(), dirty, minorDirty, patchDirty);
    }

    boolean matches(SemVer v) {
      return switch (op) {
        case "", "=" -> dirty ? tilde(v) : v.sameAs(version);
        case "!=" -> notEqual(v);
        case ">" -> greaterThan(v);
        case "<" -> v.compareTo(version) < 0;
        case ">=", "=>" -> v.compareTo(version) >= 0;
        case "<=", "=<" -> lessOrEqual(v);
        case "~", "~>" -> tilde(v);
        default -> caret(v);
      };
    }

    private boolean notEqual(SemVer v) {
      if (dirty) {
        if (version.major() != v.major()) {
          return true;
        }
        if (version.minor() != v.minor() && !minorDirty) {
          return true;
        }
        if (minorDirty) {
          return false;
        }
        if (version.patch() != v.patch() && !patchDirty) {
          return true;
        }
        if (patchDirty) {
          return !v.prerelease().equals(version.prerelease());
        }
      }
      return !v.sameAs(version);
    }

    private boolean greaterThan(SemVer v) {
      if (!dirty) {
        return v.compareTo(version) > 0;
      }
      if (v.major() != version.major()) {
        return Long.compareUnsigned(v.major(), version.major()) > 0;
      }
      if (minorDirty) {
        return false;
      }
      if (patchDirty) {
        return Long.compareUnsigned(v.minor(), version.minor()) > 0;
      }
      return v.compareTo(version) > 0;
    }

    private boolean lessOrEqual(SemVer v) {
      if (!dirty) {
        return v.compareTo(version) <= 0;
      }
      if (Long.compareUnsigned(v.major(), version.major()) > 0) {
        return false;
      }
      return !(v.major() == version.major() && Long.compareUnsigned(v.minor(), version.minor()) > 0 && !minorDirty);
    }

    private boolean tilde(SemVer v) {
      if (v.compareTo(version) < 0) {
        return false;
      }
      if (version.major() == 0 && version.minor() == 0 && version.patch() == 0 && !minorDirty && !patchDirty) {
        return true;
      }
      if (v.major() != version.major()) {
        return false;
      }
      return v.minor() == version.minor() || minorDirty;
    }

    private boolean caret(SemVer v) {
      if (v.compareTo(version) < 0) {
        return false;
      }
      if (version.major() > 0 || minorDirty) {
        return v.major() == version.major();
      }
      if (v.major() > 0) {
        return false;
      }
      if (version.minor() > 0 || patchDirty) {
        return v.minor() == version.minor();
      }
      if (v.minor() > 0) {
        return false;
      }
      return v.patch() == version.patch();
    }

    private static boolean isX(String s) {
      return s.equals("x") || s.equals("X") || s.equals("*");
    }
  }
}
