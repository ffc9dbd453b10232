package io.driftless.helm.render;

import java.util.List;
import java.util.Map;

/**
 * What a chart's render reads from the release's target cluster, with the release's identity, as Helm
 * reads it there under helm-controller: {@code .Capabilities.APIVersions} from discovery and
 * {@code lookup}. Without one ({@link RenderRequest#cluster()} null) a render is pure, as
 * {@code helm template} is: Helm's built-in API versions and an empty {@code lookup}.
 */
public interface TargetCluster {
  /**
   * Every API version the cluster serves, as Helm's {@code GetVersionSet} lists them: each
   * {@code group/version} ({@code v1} for the core group) and each {@code group/version/Kind}.
   */
  List<String> apiVersions();

  /**
   * Helm's {@code lookup}: the object named, or when {@code name} is empty the list of that kind (in
   * {@code namespace}, or in every namespace when it is empty), as the API server returns it; an empty
   * map when there is none. Throws {@link LookupException} when the cluster does not answer, as Helm's
   * render then fails.
   */
  Map<String, Object> lookup(String apiVersion, String kind, String namespace, String name);

  /**
   * Whether the chart's {@code crds/} are applied before it renders (any CRD policy but Skip), so that
   * their versions are served when the chart asks, as helm-controller applies them before Helm renders.
   */
  boolean servesChartCrds();

  /** The cluster did not answer a lookup; the message names the call, never an object's content. */
  final class LookupException extends RuntimeException {
    public LookupException(String message) {
      super(message);
    }
  }
}
