package io.driftless.functions.http.ui;

import io.smallrye.config.ConfigMapping;
import java.util.Optional;

/** The web UI's settings: {@code DRIFTLESS_UI_TOKEN} ({@code driftless.ui.token}), without which it is read-only. */
@ConfigMapping(prefix = "driftless.ui")
public interface UiConfig {
  Optional<String> token();
}
