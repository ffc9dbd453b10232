package io.driftless.notify;

import java.util.HexFormat;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.hc.client5.http.impl.classic.CloseableHttpClient;

/**
 * One HTTP client per Provider settings (timeout, proxy, TLS material), kept for the life of the
 * router so a warm function reuses connections; a changed Secret gives a new client. Every client
 * connects only to addresses the router's {@link AddressPolicy} allows.
 */
final class ProviderClients {
  private final Map<String, CloseableHttpClient> clients = new ConcurrentHashMap<>();
  private final AddressPolicy addresses;

  ProviderClients(AddressPolicy addresses) {
    this.addresses = addresses;
  }

  CloseableHttpClient client(String cluster, Provider provider, Target target) throws DeliveryException {
    StringBuilder settings = new StringBuilder(cluster).append('|').append(provider.key()).append('|')
        .append(provider.timeout()).append('|').append(target.proxy());
    target.tls().forEach((k, v) -> settings.append('|').append(k).append('=').append(HexFormat.of().formatHex(v)));
    String key = AlertRouter.sha256(settings.toString());
    CloseableHttpClient cached = clients.get(key);
    if (cached != null) {
      return cached;
    }
    CloseableHttpClient built = Transports.client(provider.timeout(), target.proxy(), target.tls(), addresses);
    clients.put(key, built);
    return built;
  }
}
