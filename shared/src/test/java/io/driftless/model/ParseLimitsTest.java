package io.driftless.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.driftless.render.kustomize.yaml.YamlReader;
import org.junit.jupiter.api.Test;

/**
 * Every reader of untrusted YAML and JSON stops at {@link ParseLimits#MAX_NESTING_DEPTH} levels with
 * an error naming the file, block and flow style alike, and aliases cannot nest past it either.
 */
class ParseLimitsTest {
  private static final String FILE = "apps/deep.yaml";

  private static String block(int depth) {
    StringBuilder b = new StringBuilder();
    for (int i = 0; i < depth; i++) {
      b.append("  ".repeat(i)).append("a:\n");
    }
    return b.append("  ".repeat(depth)).append("x: 1\n").toString();
  }

  private static String flow(int depth) {
    return "a: " + "[".repeat(depth) + "]".repeat(depth) + "\n";
  }

  @Test
  void manifestsReadByEitherReaderStopAtTheLimitNamingTheFile() {
    for (String deep : new String[] {block(3000), flow(3000), block(ParseLimits.MAX_NESTING_DEPTH + 1)}) {
      assertThatThrownBy(() -> Yaml.readDocuments(FILE, deep))
          .isInstanceOf(ManifestException.class).hasMessageContaining(FILE)
          .hasMessageContaining("nested deeper than 200 levels");
      assertThatThrownBy(() -> YamlReader.readDocuments(FILE, deep))
          .isInstanceOf(ManifestException.class).hasMessageContaining(FILE)
          .hasMessageContaining("nested deeper than 200 levels");
    }
    assertThat(Yaml.readDocuments(FILE, block(ParseLimits.MAX_NESTING_DEPTH - 1))).hasSize(1);
    assertThat(YamlReader.readDocuments(FILE, block(ParseLimits.MAX_NESTING_DEPTH - 1))).hasSize(1);
  }

  @Test
  void aliasesCannotNestPastTheLimit() {
    StringBuilder chain = new StringBuilder("a0: &a0 " + "[".repeat(150) + "]".repeat(150) + "\n");
    for (int i = 1; i < 20; i++) {
      chain.append("a").append(i).append(": &a").append(i).append(' ').append("[".repeat(150))
          .append("*a").append(i - 1).append("]".repeat(150)).append('\n');
    }

    assertThatThrownBy(() -> YamlReader.readDocuments(FILE, chain.toString()))
        .isInstanceOf(ManifestException.class)
        .hasMessage(FILE + ": invalid YAML: nested deeper than 200 levels once aliases are expanded");
  }

  @Test
  void jsonAndTheSharedMappersAreBoundedToo() {
    String json = "{\"a\":" + "[".repeat(3000) + "]".repeat(3000) + "}";

    assertThatThrownBy(() -> Yaml.json().readTree(json)).hasMessageContaining("nesting depth");
    assertThatThrownBy(() -> ParseLimits.jsonMapper().readTree(json)).hasMessageContaining("nesting depth");
    assertThatThrownBy(() -> ParseLimits.yamlMapper().readTree(block(3000))).hasMessageContaining("nesting depth");
    assertThat(ParseLimits.limitExceeded(new RuntimeException("other"))).isNull();
  }
}
