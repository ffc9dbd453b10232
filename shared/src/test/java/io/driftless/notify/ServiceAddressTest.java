package io.driftless.notify;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** Which Provider addresses are inside the cluster, and the API server path that proxies to each. */
class ServiceAddressTest {

  @ParameterizedTest
  @CsvSource({
      "http://alertmanager-operated.monitoring.svc.cluster.local:9093/api/v2/alerts,"
          + " api/v1/namespaces/monitoring/services/http:alertmanager-operated:9093/proxy/api/v2/alerts",
      "http://alertmanager.monitoring.svc:9093, api/v1/namespaces/monitoring/services/http:alertmanager:9093/proxy/",
      "https://hooks.tools.svc/flux?x=1&y=2, api/v1/namespaces/tools/services/https:hooks:443/proxy/flux?x=1&y=2",
      "http://Hook.Tools.SVC.cluster.local., api/v1/namespaces/tools/services/http:hook:80/proxy/",
  })
  void anInClusterAddressIsProxiedToItsService(String url, String path) {
    assertThat(ServiceAddress.of(url)).get().extracting(ServiceAddress::proxyPath).isEqualTo(path);
  }

  @ParameterizedTest
  @ValueSource(strings = {
      "https://hooks.slack.com/services/T0/B0/x", "http://alertmanager:9093", "http://alertmanager.monitoring:9093",
      "http://a.b.svc.example.com/", "ftp://a.b.svc/", "http://a.b.c.svc.cluster.local/", "not a url"})
  void anyOtherAddressIsReachedDirectly(String url) {
    assertThat(ServiceAddress.of(url)).isEmpty();
  }
}
