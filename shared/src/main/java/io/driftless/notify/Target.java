package io.driftless.notify;

import java.util.Map;

/**
 * A Provider with its secrets read: where and how to deliver. {@code address} is the Secret's
 * {@code address} key when present, else {@code spec.address}; {@code commitStatusId} is the
 * context key of a commit-status Provider; {@code proxy} and {@code tls} (the certSecretRef's data)
 * shape its HTTP client. Never logged: {@link #mask} hides its secret values.
 */
record Target(
    Provider provider,
    String address,
    String token,
    String username,
    String password,
    Map<String, String> headers,
    String commitStatusId,
    Transports.Proxy proxy,
    Map<String, byte[]> tls) {

  String channel() {
    return provider.spec().channel() == null ? "" : provider.spec().channel();
  }

  /** {@code text} with the address, token, passwords and header values replaced by {@code ***}. */
  String mask(String text) {
    String out = text == null ? "" : text;
    String proxyAddress = proxy == null ? null : proxy.address();
    String proxyPassword = proxy == null ? null : proxy.password();
    for (String secret : new String[] {address, token, password, proxyAddress, proxyPassword}) {
      if (secret != null && secret.length() > 3) {
        out = out.replace(secret, "***");
      }
    }
    for (String v : headers.values()) {
      if (v != null && v.length() > 3) {
        out = out.replace(v, "***");
      }
    }
    return out;
  }
}
