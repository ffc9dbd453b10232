package io.driftless.notify;

import java.net.URI;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A Provider address inside the cluster: {@code http(s)://<service>.<namespace>.svc[.cluster.local][:port]/path}.
 * A function outside the cluster cannot resolve it; Driftless, holding the cluster's credentials,
 * delivers to it through the API server's service proxy ({@link ServiceProxy}), at
 * {@code /api/v1/namespaces/<namespace>/services/<scheme>:<service>:<port>/proxy/<path>}. Without a port the
 * scheme's (80, 443) is the Service port, as a connection to the name would use.
 */
record ServiceAddress(String scheme, String service, String namespace, int port, String pathAndQuery) {
  private static final Pattern HOST = Pattern.compile(
      "([a-z0-9]([-a-z0-9]*[a-z0-9])?)\\.([a-z0-9]([-a-z0-9]*[a-z0-9])?)\\.svc(\\.cluster\\.local)?\\.?");

  /** The in-cluster Service {@code url} names, or empty for any other address. */
  static Optional<ServiceAddress> of(String url) {
    URI uri;
    try {
      uri = URI.create(url.trim());
    } catch (IllegalArgumentException e) {
      return Optional.empty();
    }
    if (uri.getHost() == null || uri.getScheme() == null) {
      return Optional.empty();
    }
    String scheme = uri.getScheme().toLowerCase(Locale.ROOT);
    Matcher m = HOST.matcher(uri.getHost().toLowerCase(Locale.ROOT));
    if (!m.matches() || !(scheme.equals("http") || scheme.equals("https"))) {
      return Optional.empty();
    }
    int port = uri.getPort() > 0 ? uri.getPort() : scheme.equals("https") ? 443 : 80;
    String path = uri.getRawPath() == null || uri.getRawPath().isEmpty() ? "/" : uri.getRawPath();
    String query = uri.getRawQuery() == null ? "" : "?" + uri.getRawQuery();
    return Optional.of(new ServiceAddress(scheme, m.group(1), m.group(3), port, path + query));
  }

  /** The API server path that proxies to this address. */
  String proxyPath() {
    return "api/v1/namespaces/" + namespace + "/services/" + scheme + ":" + service + ":" + port + "/proxy"
        + pathAndQuery;
  }

  /** {@code Service/<namespace>/<name>:<port>}, as errors name it. */
  @Override
  public String toString() {
    return "Service/" + namespace + "/" + service + ":" + port;
  }
}
