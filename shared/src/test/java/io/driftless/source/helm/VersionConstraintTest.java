package io.driftless.source.helm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Chart version constraints mean what they mean to Helm and Flux (Masterminds/semver v3). */
class VersionConstraintTest {

  @ParameterizedTest(name = "''{0}'' matches {1}: {2}")
  @CsvSource(delimiter = ';', value = {
      // comparison operators, AND by space or comma
      ">=1.0.0 <2.0.0 ; 1.0.0        ; true",
      ">=1.0.0 <2.0.0 ; 1.9.9        ; true",
      ">=1.0.0 <2.0.0 ; 2.0.0        ; false",
      ">=1.0.0, <2.0.0; 1.5.0        ; true",
      ">1.2.3         ; 1.2.3        ; false",
      ">1.2.3         ; 1.2.4        ; true",
      "<=1.2.3        ; 1.2.3        ; true",
      "!=1.2.3        ; 1.2.3        ; false",
      "!=1.2.3        ; 1.2.4        ; true",
      "=1.2.3         ; 1.2.3        ; true",
      "1.2.3          ; v1.2.3       ; true",
      "=>1.0          ; 1.0.0        ; true",
      // OR
      "<1.0.0 || >=3.0.0 ; 2.0.0     ; false",
      "<1.0.0 || >=3.0.0 ; 3.1.0     ; true",
      // wildcards and missing parts
      "1.x            ; 1.9.0        ; true",
      "1.x            ; 2.0.0        ; false",
      "1.2.x          ; 1.2.9        ; true",
      "1.2.x          ; 1.3.0        ; false",
      "6.5.*          ; 6.5.3        ; true",
      "*              ; 0.0.1        ; true",
      "*              ; 99.0.0       ; true",
      ">11            ; 11.1.0       ; false",
      ">11            ; 12.0.0       ; true",
      ">11.1          ; 11.1.9       ; false",
      ">11.1          ; 11.2.0       ; true",
      "<=11           ; 11.9.9       ; true",
      "<=1.1          ; 1.2.0        ; false",
      // tilde and caret
      "~1.2.3         ; 1.2.9        ; true",
      "~1.2.3         ; 1.3.0        ; false",
      "~1.2           ; 1.2.0        ; true",
      "~1            ; 1.9.0        ; true",
      "~1            ; 2.0.0        ; false",
      "~>1.2          ; 1.2.5        ; true",
      "^1.2.3         ; 1.9.0        ; true",
      "^1.2.3         ; 2.0.0        ; false",
      "^1.2           ; 1.2.0        ; true",
      "^0.2.3         ; 0.2.9        ; true",
      "^0.2.3         ; 0.3.0        ; false",
      "^0.0.3         ; 0.0.4        ; false",
      "^0             ; 0.9.0        ; true",
      // hyphen ranges
      "1.2 - 1.4.5    ; 1.4.5        ; true",
      "1.2 - 1.4.5    ; 1.4.6        ; false",
      "1.2 - 1.4.5    ; 1.1.9        ; false",
      // prereleases are left out unless the constraint names one
      ">=1.0.0        ; 1.5.0-rc.1   ; false",
      "*              ; 2.0.0-beta   ; false",
      ">=1.2.3-0      ; 1.5.0-rc.1   ; true",
      ">=1.2.3-0      ; 1.2.3-alpha  ; true",
      ">=1.0.0-0 <2.0.0 || >=3.0.0 ; 3.1.0-rc.1 ; false",
      "~1.2.3-beta    ; 1.2.3-beta.2 ; true",
      "~1.2.3-beta    ; 1.2.3-alpha  ; false",
      // build metadata does not count
      "=1.2.3         ; 1.2.3+build.7; true",
  })
  void matches(String constraint, String version, boolean expected) {
    assertThat(VersionConstraint.parse(constraint).matches(SemVer.parse(version).orElseThrow()))
        .isEqualTo(expected);
  }

  @ParameterizedTest
  @CsvSource({"''", "'   '"})
  void emptyMeansAny(String constraint) {
    assertThat(VersionConstraint.parse(constraint).matches(SemVer.parse("3.2.1").orElseThrow())).isTrue();
  }

  @ParameterizedTest
  @CsvSource({"'>=x.y.z'", "'1.0.0 <<2'", "'latest'", "'>=1.0.0 ||'"})
  void nonsenseIsRefusedNamingTheConstraint(String constraint) {
    assertThatThrownBy(() -> VersionConstraint.parse(constraint))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("invalid version constraint '" + constraint + "'");
  }
}
