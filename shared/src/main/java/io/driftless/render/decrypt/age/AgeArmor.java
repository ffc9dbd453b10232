package io.driftless.render.decrypt.age;

import io.driftless.render.decrypt.age.AgeException.FailureClass;
import java.nio.charset.StandardCharsets;

/** The strict ASCII armor of age: PEM-like, 64 columns, canonical padded base64, LF or CRLF. */
final class AgeArmor {
  static final String BEGIN = "-----BEGIN AGE ENCRYPTED FILE-----";
  static final String END = "-----END AGE ENCRYPTED FILE-----";
  private static final int COLUMNS = 64;

  private AgeArmor() {}

  /** True when the file, after leading whitespace, starts like a PEM block. */
  static boolean isArmored(byte[] file) {
    int i = skipWhitespace(file, 0);
    return file.length - i >= 5 && new String(file, i, 5, StandardCharsets.ISO_8859_1).equals("-----");
  }

  static byte[] decode(byte[] file) {
    String text = new String(file, StandardCharsets.ISO_8859_1);
    int pos = skipWhitespace(file, 0);
    int eol = text.indexOf('\n', pos);
    if (eol < 0 || !stripCr(text.substring(pos, eol)).equals(BEGIN)) {
      throw fail("missing or malformed BEGIN line");
    }
    pos = eol + 1;
    StringBuilder encoded = new StringBuilder();
    boolean shortLineSeen = false;
    while (true) {
      if (pos >= text.length()) {
        throw fail("missing END line");
      }
      eol = text.indexOf('\n', pos);
      String line = stripCr(eol < 0 ? text.substring(pos) : text.substring(pos, eol));
      pos = eol < 0 ? text.length() : eol + 1;
      if (line.equals(END)) {
        break;
      }
      if (shortLineSeen || line.isEmpty() || line.length() > COLUMNS) {
        throw fail("armor line of the wrong length");
      }
      if (line.length() < COLUMNS) {
        shortLineSeen = true;
      } else if (line.indexOf('=') >= 0 && !isLastBeforeEnd(text, pos)) {
        throw fail("padding before the last armor line");
      }
      encoded.append(line);
    }
    if (skipWhitespace(file, pos) != file.length) {
      throw fail("data after the END line");
    }
    byte[] out = StrictBase64.decodePadded(encoded.toString());
    if (out == null) {
      throw fail("armor is not canonical base64");
    }
    return out;
  }

  private static boolean isLastBeforeEnd(String text, int next) {
    return text.startsWith(END, next);
  }

  private static String stripCr(String line) {
    return line.endsWith("\r") ? line.substring(0, line.length() - 1) : line;
  }

  private static int skipWhitespace(byte[] file, int from) {
    int i = from;
    while (i < file.length && (file[i] == ' ' || file[i] == '\t' || file[i] == '\n' || file[i] == '\r')) {
      i++;
    }
    return i;
  }

  private static AgeException fail(String message) {
    return new AgeException(FailureClass.ARMOR, message);
  }
}
