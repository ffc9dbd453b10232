package io.driftless.apply;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeAll;

/**
 * The same apply contract against a real cluster, opt-in: set {@code DRIFTLESS_IT_KUBECONFIG} to a
 * kubeconfig file and run {@code ./mvnw -pl shared test -Dtest=RealClusterApplyIT}. Each test works in
 * its own namespace {@code dl-<random>} and deletes it afterwards.
 */
class RealClusterApplyIT extends ApplyContract {

  private static final String KUBECONFIG = System.getenv("DRIFTLESS_IT_KUBECONFIG");

  @BeforeAll
  static void requireCluster() {
    assumeTrue(KUBECONFIG != null && !KUBECONFIG.isBlank(), "DRIFTLESS_IT_KUBECONFIG is not set");
  }

  @Override
  protected KubernetesClient connect() {
    String kubeconfig = KUBECONFIG;
    try {
      Config config = Config.fromKubeconfig(Files.readString(Path.of(kubeconfig)));
      return new KubernetesClientBuilder().withConfig(config).build();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @Override
  protected void disconnect() {
    client.close();
  }
}
