package io.driftless.render.kustomize.yaml;

import java.math.BigInteger;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * How kustomize's two YAML libraries read a plain (unquoted) scalar. Input goes through the
 * YAML-1.2-leaning reader (only {@code true/false} are booleans, {@code 012} is octal, dates become
 * timestamps); output goes through the YAML-1.1 writer, which must quote any string that it would
 * itself read back as something else ({@code yes}, {@code on}, {@code 1:20}, {@code 2024-01-01}).
 */
public final class PlainScalars {
  private static final Set<String> NULLS = Set.of("", "~", "null", "Null", "NULL");
  private static final Set<String> TRUES = Set.of("true", "True", "TRUE");
  private static final Set<String> FALSES = Set.of("false", "False", "FALSE");
  private static final Set<String> OLD_BOOLS =
      Set.of("y", "Y", "yes", "Yes", "YES", "n", "N", "no", "No", "NO", "true", "True", "TRUE",
          "false", "False", "FALSE", "on", "On", "ON", "off", "Off", "OFF");
  private static final Set<String> SPECIAL_FLOATS =
      Set.of(".nan", ".NaN", ".NAN", ".inf", ".Inf", ".INF", "+.inf", "+.Inf", "+.INF", "-.inf",
          "-.Inf", "-.INF");
  private static final Pattern FLOAT =
      Pattern.compile("[-+]?(\\.[0-9]+|[0-9]+(\\.[0-9]*)?)([eE][-+]?[0-9]+)?");
  private static final Pattern BASE60 =
      Pattern.compile("[-+]?[0-9][0-9_]*(?::[0-5]?[0-9])+(?:\\.[0-9_]*)?");
  private static final Pattern DATE = Pattern.compile("([0-9]{4})-([0-9]{1,2})-([0-9]{1,2})");
  private static final Pattern DATE_TIME =
      Pattern.compile("[0-9]{4}-[0-9]{1,2}-[0-9]{1,2}[Tt ][0-9]{1,2}:[0-9]{1,2}:[0-9]{1,2}.*");
  private static final BigInteger MAX_UINT64 = BigInteger.ONE.shiftLeft(64).subtract(BigInteger.ONE);

  private PlainScalars() {}

  /** The value kustomize reads from a plain scalar: null, Boolean, Long, BigInteger, Double or String. */
  public static Object read(String s) {
    if (NULLS.contains(s)) {
      return null;
    }
    if (TRUES.contains(s)) {
      return Boolean.TRUE;
    }
    if (FALSES.contains(s)) {
      return Boolean.FALSE;
    }
    if (SPECIAL_FLOATS.contains(s)) {
      return s.contains("nan") || s.contains("NaN") || s.contains("NAN")
          ? Double.NaN
          : s.startsWith("-") ? Double.NEGATIVE_INFINITY : Double.POSITIVE_INFINITY;
    }
    if (s.isEmpty() || "+-.0123456789".indexOf(s.charAt(0)) < 0) {
      return s;
    }
    Matcher date = DATE.matcher(s);
    if (date.matches()) {
      return String.format("%s-%02d-%02dT00:00:00Z", date.group(1),
          Integer.parseInt(date.group(2)), Integer.parseInt(date.group(3)));
    }
    String plain = s.replace("_", "");
    BigInteger integer = goInteger(plain);
    if (integer != null) {
      if (integer.bitLength() < 64) {
        return integer.longValue();
      }
      if (integer.signum() > 0 && integer.compareTo(MAX_UINT64) <= 0) {
        return integer;
      }
    }
    if (FLOAT.matcher(plain).matches()) {
      return Double.parseDouble(plain);
    }
    return s;
  }

  /** As {@link #read}, but YAML 1.1's {@code yes/no/on/off/y/n} are booleans too. */
  public static Object readYaml11(String s) {
    if (OLD_BOOLS.contains(s)) {
      return s.equalsIgnoreCase("y") || s.equalsIgnoreCase("yes") || s.equalsIgnoreCase("on")
          || s.equalsIgnoreCase("true");
    }
    if (DATE.matcher(s).matches() || DATE_TIME.matcher(s).matches()) {
      return s;
    }
    return read(s);
  }

  /** True when the output writer would read {@code s} back as something other than a string. */
  public static boolean needsQuotesOnOutput(String s) {
    if (NULLS.contains(s) || OLD_BOOLS.contains(s) || SPECIAL_FLOATS.contains(s)) {
      return true;
    }
    if (s.isEmpty() || "+-.0123456789".indexOf(s.charAt(0)) < 0) {
      return false;
    }
    String plain = s.replace("_", "");
    if (goInteger(plain) != null || FLOAT.matcher(plain).matches()) {
      return true;
    }
    if (DATE.matcher(s).matches() || DATE_TIME.matcher(s).matches()) {
      return true;
    }
    return BASE60.matcher(s).matches();
  }

  /** Go's {@code strconv.ParseInt(s, 0, 64)} syntax (any size): sign, then 0x, 0o, 0b or 0 prefix. */
  static BigInteger goInteger(String s) {
    int i = 0;
    boolean negative = false;
    if (!s.isEmpty() && (s.charAt(0) == '+' || s.charAt(0) == '-')) {
      negative = s.charAt(0) == '-';
      i = 1;
    }
    String body = s.substring(i);
    int radix = 10;
    if (body.length() > 1 && body.charAt(0) == '0') {
      char p = Character.toLowerCase(body.charAt(1));
      if (p == 'x' || p == 'o' || p == 'b') {
        radix = p == 'x' ? 16 : p == 'o' ? 8 : 2;
        body = body.substring(2);
      } else {
        radix = 8;
        body = body.substring(1);
      }
    }
    if (body.isEmpty()) {
      return null;
    }
    for (int k = 0; k < body.length(); k++) {
      if (Character.digit(body.charAt(k), radix) < 0) {
        return null;
      }
    }
    BigInteger v = new BigInteger(body, radix);
    return negative ? v.negate() : v;
  }
}
