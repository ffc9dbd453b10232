package io.driftless.functions.lambda;

import io.quarkus.test.junit.QuarkusTestProfile;
import java.util.Map;

/** One Lambda exports one function; each test profile picks the one its test class invokes. */
final class Exports {
  private Exports() {}

  public static final class Webhook implements QuarkusTestProfile {
    @Override
    public Map<String, String> getConfigOverrides() {
      return Map.of("quarkus.funqy.export", "webhook");
    }
  }

  public static final class Schedule implements QuarkusTestProfile {
    @Override
    public Map<String, String> getConfigOverrides() {
      return Map.of("quarkus.funqy.export", "schedule");
    }
  }

  public static final class Reconcile implements QuarkusTestProfile {
    @Override
    public Map<String, String> getConfigOverrides() {
      return Map.of("quarkus.funqy.export", "reconcile");
    }
  }

  public static final class Work implements QuarkusTestProfile {
    @Override
    public Map<String, String> getConfigOverrides() {
      return Map.of("quarkus.funqy.export", "work");
    }
  }
}
