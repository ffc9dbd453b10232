package io.driftless.render.decrypt.age;

import io.driftless.render.decrypt.age.AgeException.FailureClass;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/** A parsed age v1 header: its recipient stanzas, the MAC, and where the payload starts. */
record AgeHeader(List<Stanza> stanzas, byte[] mac, int macInputLength, int payloadOffset) {
  private static final String VERSION_LINE = "age-encryption.org/v1";
  private static final int COLUMNS = 64;

  /** One recipient stanza: {@code args.get(0)} is its type. */
  record Stanza(List<String> args, byte[] body) {
    String type() {
      return args.get(0);
    }
  }

  static AgeHeader parse(byte[] file) {
    Lines lines = new Lines(file);
    if (!VERSION_LINE.equals(lines.next())) {
      throw fail("missing or unsupported version line");
    }
    List<Stanza> stanzas = new ArrayList<>();
    while (true) {
      int lineStart = lines.offset;
      String line = lines.next();
      if (line == null) {
        throw fail("header ends before the MAC line");
      }
      if (line.startsWith("-> ")) {
        stanzas.add(readStanza(line.substring(3), lines));
      } else if (line.startsWith("---")) {
        if (stanzas.isEmpty()) {
          throw fail("header has no recipient stanza");
        }
        byte[] mac = line.startsWith("--- ") ? StrictBase64.decodeRaw(line.substring(4)) : null;
        if (mac == null || mac.length != 32) {
          throw fail("malformed MAC line");
        }
        return new AgeHeader(List.copyOf(stanzas), mac, lineStart + 3, lines.offset);
      } else {
        throw fail("malformed stanza line");
      }
    }
  }

  private static Stanza readStanza(String argLine, Lines lines) {
    List<String> args = Arrays.asList(argLine.split(" ", -1));
    for (String arg : args) {
      if (arg.isEmpty() || !arg.chars().allMatch(c -> c >= 33 && c <= 126)) {
        throw fail("malformed stanza argument");
      }
    }
    StringBuilder body = new StringBuilder();
    while (true) {
      String line = lines.next();
      if (line == null) {
        throw fail("stanza body ends early");
      }
      if (line.length() > COLUMNS || StrictBase64.decodeRaw(line) == null) {
        throw fail("malformed stanza body line");
      }
      body.append(line);
      if (line.length() < COLUMNS) {
        break;
      }
    }
    byte[] decoded = StrictBase64.decodeRaw(body.toString());
    if (decoded == null) {
      throw fail("malformed stanza body");
    }
    return new Stanza(List.copyOf(args), decoded);
  }

  static AgeException fail(String message) {
    return new AgeException(FailureClass.HEADER, message);
  }

  /** Reads LF-terminated lines; a line without its LF counts as missing. */
  private static final class Lines {
    private final byte[] data;
    private int offset;

    Lines(byte[] data) {
      this.data = data;
    }

    String next() {
      for (int i = offset; i < data.length; i++) {
        if (data[i] == '\n') {
          String line = new String(data, offset, i - offset, StandardCharsets.ISO_8859_1);
          offset = i + 1;
          return line;
        }
      }
      return null;
    }
  }
}
