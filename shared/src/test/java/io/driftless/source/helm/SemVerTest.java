package io.driftless.source.helm;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Chart versions parse and order as Helm orders them. */
class SemVerTest {

  @ParameterizedTest
  @CsvSource({"v1.14.0,1,14,0", "1.2,1,2,0", "7,7,0,0", "01.02.03,1,2,3", "1.2.3-rc.1+sha.5,1,2,3"})
  void looseVersionsParse(String text, long major, long minor, long patch) {
    SemVer v = SemVer.parse(text).orElseThrow();
    assertThat(List.of(v.major(), v.minor(), v.patch())).containsExactly(major, minor, patch);
    assertThat(v.toString()).isEqualTo(text);
  }

  @ParameterizedTest
  @CsvSource({"latest", "1.2.3.4", "1.2.3-01", "1.2.3-", "1.2.3+", "''", "v", "1.2.3-a..b"})
  void nonVersionsDoNotParse(String text) {
    assertThat(SemVer.parse(text)).isEmpty();
  }

  @Test
  void precedenceFollowsSemverAndIgnoresBuildMetadata() {
    List<String> ordered = List.of("1.0.0-alpha", "1.0.0-alpha.1", "1.0.0-alpha.beta", "1.0.0-beta",
        "1.0.0-beta.2", "1.0.0-beta.11", "1.0.0-rc.1", "1.0.0", "1.0.1", "1.1.0", "2.0.0");
    for (int i = 1; i < ordered.size(); i++) {
      assertThat(SemVer.parse(ordered.get(i - 1)).orElseThrow())
          .isLessThan(SemVer.parse(ordered.get(i)).orElseThrow());
    }
    assertThat(SemVer.parse("1.0.0+a").orElseThrow().sameAs(SemVer.parse("1.0.0+b").orElseThrow())).isTrue();
  }
}
