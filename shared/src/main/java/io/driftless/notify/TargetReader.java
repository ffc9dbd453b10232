package io.driftless.notify;

import io.driftless.model.Yaml;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Reads what a Provider's Secrets hold, as Flux does: {@code secretRef} ({@code address},
 * {@code token}, {@code username}, {@code password}, {@code headers} as a YAML map, the deprecated
 * {@code proxy}), {@code proxySecretRef} ({@code address}, {@code username}, {@code password}) and
 * {@code certSecretRef} ({@code ca.crt}, {@code tls.crt}, {@code tls.key}; a commit-status
 * Provider without one may carry {@code ca.crt} in its secretRef).
 */
final class TargetReader {
  private final ProviderSecrets secrets;
  private final AddressPolicy addresses;

  TargetReader(ProviderSecrets secrets, AddressPolicy addresses) {
    this.secrets = secrets;
    this.addresses = addresses;
  }

  Target read(String cluster, Provider provider, String commitStatusId) throws DeliveryException {
    Provider.Spec spec = provider.spec();
    Map<String, byte[]> data = spec.secretRef() == null ? Map.of() : read(cluster, provider, "spec.secretRef", spec.secretRef());
    String address = text(data, "address");
    String field = address == null ? "spec.address" : "spec.secretRef: address";
    address = address == null ? spec.address() : address;
    if (address != null && address.length() > 2048) {
      throw new DeliveryException("spec.secretRef: address is longer than 2048 characters");
    }
    addresses.check(field, address);
    Map<String, String> headers = headers(data);
    Transports.Proxy proxy = new Transports.Proxy(spec.proxy(), null, null);
    if (text(data, "proxy") != null) {
      proxy = new Transports.Proxy(text(data, "proxy"), null, null);
    }
    if (spec.proxySecretRef() != null) {
      Map<String, byte[]> p = read(cluster, provider, "spec.proxySecretRef", spec.proxySecretRef());
      if (text(p, "address") == null) {
        throw new DeliveryException("spec.proxySecretRef: the Secret has no address key");
      }
      proxy = new Transports.Proxy(text(p, "address"), text(p, "username"), text(p, "password"));
    }
    addresses.check("the proxy address", proxy.address());
    Map<String, byte[]> tls = Map.of();
    if (spec.certSecretRef() != null) {
      tls = read(cluster, provider, "spec.certSecretRef", spec.certSecretRef());
    } else if (provider.commitStatus() && data.containsKey("ca.crt")) {
      tls = Map.of("ca.crt", data.get("ca.crt"));
    }
    String token = text(data, "token");
    if (provider.tokenRef() != null) {
      try {
        token = new String(secrets.reference(provider.tokenRef()), StandardCharsets.UTF_8).trim();
      } catch (IllegalArgumentException e) {
        throw new DeliveryException("the registered token reference cannot be read: " + e.getMessage());
      }
    }
    return new Target(provider, address == null ? "" : address, token, text(data, "username"),
        text(data, "password"), headers, commitStatusId, proxy, tls);
  }

  private Map<String, byte[]> read(String cluster, Provider provider, String field, Provider.LocalRef ref)
      throws DeliveryException {
    try {
      return secrets.read(cluster, provider.namespace(), ref.name());
    } catch (IllegalArgumentException e) {
      throw new DeliveryException(field + ": " + e.getMessage());
    }
  }

  private static Map<String, String> headers(Map<String, byte[]> data) throws DeliveryException {
    String text = text(data, "headers");
    if (text == null) {
      return Map.of();
    }
    Map<String, String> out = new LinkedHashMap<>();
    try {
      var docs = Yaml.readDocuments("headers", text);
      for (Map<String, Object> doc : docs) {
        doc.forEach((k, v) -> out.put(k, v == null ? "" : String.valueOf(v)));
      }
    } catch (RuntimeException e) {
      throw new DeliveryException("spec.secretRef: the headers key is not a YAML map of strings");
    }
    return new HashMap<>(out);
  }

  private static String text(Map<String, byte[]> data, String key) {
    byte[] v = data.get(key);
    return v == null ? null : new String(v, StandardCharsets.UTF_8).trim();
  }
}
