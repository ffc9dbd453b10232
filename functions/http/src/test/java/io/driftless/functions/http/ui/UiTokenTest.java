package io.driftless.functions.http.ui;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Optional;
import org.junit.jupiter.api.Test;

class UiTokenTest {
  private final UiToken token = new UiToken(Optional.of("s3cret"));

  @Test
  void withoutAConfiguredTokenEveryWriteIsRefusedAsReadOnly() {
    UiToken none = new UiToken(Optional.empty());

    assertThat(none.configured()).isFalse();
    assertThat(none.check("Bearer anything")).isEqualTo(UiToken.Verdict.READ_ONLY);
    assertThat(UiToken.Verdict.READ_ONLY.status).isEqualTo(403);
    assertThat(new UiToken(Optional.of("  ")).check("Bearer ")).isEqualTo(UiToken.Verdict.READ_ONLY);
  }

  @Test
  void theRightBearerTokenIsAllowed() {
    assertThat(token.check("Bearer s3cret")).isEqualTo(UiToken.Verdict.ALLOWED);
    assertThat(token.check("bearer s3cret")).isEqualTo(UiToken.Verdict.ALLOWED);
  }

  @Test
  void aMissingOrWrongTokenIsUnauthorizedWithoutSayingTheToken() {
    assertThat(token.check(null)).isEqualTo(UiToken.Verdict.MISSING);
    assertThat(token.check("Basic czNjcmV0")).isEqualTo(UiToken.Verdict.MISSING);
    assertThat(token.check("Bearer s3cre")).isEqualTo(UiToken.Verdict.WRONG);
    assertThat(UiToken.Verdict.WRONG.status).isEqualTo(401);
    for (UiToken.Verdict v : UiToken.Verdict.values()) {
      assertThat(v.message).doesNotContain("s3cret");
    }
  }
}
