package io.driftless.notify;

import java.net.http.HttpClient;
import java.util.HexFormat;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * One HTTP client per Provider settings (timeout, proxy, TLS material), kept for the life of the
 * router so a warm function reuses connections; a changed Secret gives a new client.
 */
final class ProviderClients {
  private final Map<String, HttpClient> clients = new ConcurrentHashMap<>();

  HttpClient client(String cluster, Provider provider, Target target) throws DeliveryException {
    StringBuilder settings = new StringBuilder(cluster).append('|').append(provider.key()).append('|')
        .append(provider.timeout()).append('|').append(target.proxy());
    target.tls().forEach((k, v) -> settings.append('|').append(k).append('=').append(HexFormat.of().formatHex(v)));
    String key = AlertRouter.sha256(settings.toString());
    HttpClient cached = clients.get(key);
    if (cached != null) {
      return cached;
    }
    HttpClient built = Transports.client(provider.timeout(), target.proxy(), target.tls());
    clients.put(key, built);
    return built;
  }
}
