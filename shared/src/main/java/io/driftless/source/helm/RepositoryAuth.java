package io.driftless.source.helm;

import com.fasterxml.jackson.databind.JsonNode;
import io.driftless.model.Yaml;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Map;

/**
 * Credentials for a chart repository or registry, already read from the Secrets that {@code
 * secretRef} and {@code certSecretRef} name. Every part is optional. {@link #toString()} never
 * shows a secret.
 */
public record RepositoryAuth(String username, String password, String caPem, String certPem, String keyPem) {

  public static final RepositoryAuth NONE = new RepositoryAuth(null, null, null, null, null);

  public boolean hasBasic() {
    return username != null && !username.isEmpty();
  }

  public boolean hasTls() {
    return caPem != null || certPem != null;
  }

  /**
   * From a Secret's data as Flux reads it: {@code username}/{@code password}, {@code ca.crt},
   * {@code tls.crt}/{@code tls.key} (and the deprecated {@code caFile}/{@code certFile}/{@code
   * keyFile}); for OCI also a {@code .dockerconfigjson} entry for {@code host}. Throws
   * IllegalArgumentException naming the key that is wrong, never its value.
   */
  public static RepositoryAuth fromSecretData(Map<String, byte[]> data, String host) {
    String user = text(data, "username");
    String pass = text(data, "password");
    if ((user == null) != (pass == null)) {
      throw new IllegalArgumentException("the secret must set both username and password, or neither");
    }
    String docker = text(data, ".dockerconfigjson");
    if (user == null && docker != null) {
      String[] fromDocker = dockerLogin(docker, host);
      user = fromDocker[0];
      pass = fromDocker[1];
    }
    String ca = first(text(data, "ca.crt"), text(data, "caFile"));
    String cert = first(text(data, "tls.crt"), text(data, "certFile"));
    String key = first(text(data, "tls.key"), text(data, "keyFile"));
    if ((cert == null) != (key == null)) {
      throw new IllegalArgumentException("the secret must set both tls.crt and tls.key, or neither");
    }
    return new RepositoryAuth(user, pass, ca, cert, key);
  }

  /** These credentials with the TLS parts of {@code tls} (a certSecretRef's secret). */
  public RepositoryAuth withTls(RepositoryAuth tls) {
    return new RepositoryAuth(username, password, tls.caPem, tls.certPem, tls.keyPem);
  }

  private static String[] dockerLogin(String json, String host) {
    JsonNode auths;
    try {
      auths = Yaml.json().readTree(json).path("auths");
    } catch (IOException e) {
      throw new IllegalArgumentException(".dockerconfigjson is not valid JSON");
    }
    JsonNode entry = auths.path(host);
    if (entry.isMissingNode()) {
      entry = auths.path("https://" + host);
    }
    if (entry.isMissingNode()) {
      throw new IllegalArgumentException(".dockerconfigjson has no login for " + host);
    }
    if (entry.hasNonNull("username")) {
      return new String[] {entry.get("username").asText(), entry.path("password").asText()};
    }
    String decoded = new String(Base64.getDecoder().decode(entry.path("auth").asText()), StandardCharsets.UTF_8);
    int colon = decoded.indexOf(':');
    if (colon < 0) {
      throw new IllegalArgumentException(".dockerconfigjson login for " + host + " has no user:password auth");
    }
    return new String[] {decoded.substring(0, colon), decoded.substring(colon + 1)};
  }

  private static String text(Map<String, byte[]> data, String key) {
    byte[] v = data.get(key);
    return v == null ? null : new String(v, StandardCharsets.UTF_8);
  }

  private static String first(String a, String b) {
    return a != null ? a : b;
  }

  @Override
  public String toString() {
    return "RepositoryAuth[basic=" + hasBasic() + ", tls=" + hasTls() + "]";
  }
}
