package io.driftless.pipeline;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import io.driftless.model.Reason;
import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.ConfigBuilder;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * A kubeconfig read from a Secret (so written by whoever may write that Secret, e.g. a tenant), turned
 * into a fabric8 {@link Config} field by field. It is never handed to fabric8's kubeconfig loader, which
 * reads the files a kubeconfig names and, unless told otherwise, fills what is missing from
 * {@code KUBECONFIG}, {@code ~/.kube/config}, the function's own service account and {@code KUBERNETES_*}
 * variables: the Config here has auto-configuration off and holds only what the kubeconfig says inline.
 *
 * <p>As Flux's {@code KubeConfigFromBytes} with {@code --insecure-kubeconfig-exec} and
 * {@code --insecure-kubeconfig-tls} off, and stricter: only inline data is accepted (the server,
 * {@code certificate-authority-data}, {@code client-certificate-data}, {@code client-key-data},
 * {@code token}, {@code username}/{@code password}). A field that names a file, turns TLS verification
 * off, routes through a proxy, runs a command, impersonates, or that this class does not know is
 * refused; Flux ignores some of these silently, Driftless says which. Every refusal is one line naming
 * the field by its position in the kubeconfig, never a value; a YAML error is reported by line and
 * column only, since the offending line may hold a token.
 */
final class SecretKubeconfig {
  private static final YAMLMapper YAML = new YAMLMapper();
  private static final Pattern PRINTABLE_KEY = Pattern.compile("[A-Za-z][A-Za-z0-9_-]{0,39}");
  private static final Set<String> TOP = Set.of(
      "apiVersion", "kind", "clusters", "users", "contexts", "current-context", "preferences", "extensions");
  private static final Set<String> CLUSTER = Set.of(
      "server", "certificate-authority-data", "disable-compression", "extensions");
  private static final Set<String> USER = Set.of(
      "client-certificate-data", "client-key-data", "token", "username", "password", "extensions");
  private static final Set<String> CONTEXT = Set.of("cluster", "user", "namespace", "extensions");
  private static final String FILE = "names a file on Driftless's disk; only inline data is accepted (%s)";
  private static final Map<String, String> REFUSED = Map.ofEntries(
      Map.entry("certificate-authority", FILE.formatted("certificate-authority-data")),
      Map.entry("client-certificate", FILE.formatted("client-certificate-data")),
      Map.entry("client-key", FILE.formatted("client-key-data")),
      Map.entry("tokenFile", FILE.formatted("token")),
      Map.entry("insecure-skip-tls-verify", "turns TLS verification off, which Driftless does not allow"),
      Map.entry("proxy-url", "routes the connection through a proxy, which Driftless does not allow"),
      Map.entry("tls-server-name", "is not supported"),
      Map.entry("exec", "runs a command, which Driftless does not allow (as Flux without --insecure-kubeconfig-exec)"),
      Map.entry("auth-provider", "runs a credential plugin, which Driftless does not allow"),
      Map.entry("as", "impersonates; use spec.serviceAccountName"),
      Map.entry("as-uid", "impersonates; use spec.serviceAccountName"),
      Map.entry("as-groups", "impersonates; use spec.serviceAccountName"),
      Map.entry("as-user-extra", "impersonates; use spec.serviceAccountName"));

  private final String where;

  private SecretKubeconfig(String where) {
    this.where = where;
  }

  /**
   * The client configuration {@code text} describes, or a {@link StageFailure} whose one-line message
   * starts with {@code where} (the object, its field and the Secret with its key) and names the field.
   */
  static Config parse(String where, String text) {
    return new SecretKubeconfig(where).config(read(where, text));
  }

  private static Map<?, ?> read(String where, String text) {
    List<Object> docs;
    try (MappingIterator<Object> it = YAML.readerFor(Object.class).readValues(text)) {
      docs = it.readAll();
    } catch (JsonProcessingException e) {
      JsonLocation at = e.getLocation();
      throw failure(where + ": not valid YAML" + (at == null || at.getLineNr() < 1 ? ""
          : " at line " + at.getLineNr() + ", column " + at.getColumnNr()));
    } catch (IOException | RuntimeException e) {
      throw failure(where + ": not valid YAML");
    }
    List<Object> present = docs.stream().filter(d -> d != null).toList();
    if (present.size() != 1 || !(present.get(0) instanceof Map<?, ?> doc)) {
      throw failure(where + ": not a kubeconfig (one YAML mapping)");
    }
    return doc;
  }

  private Config config(Map<?, ?> doc) {
    allowOnly("", doc, TOP);
    List<Map<?, ?>> clusters = entries(doc, "clusters", "cluster", CLUSTER);
    List<Map<?, ?>> users = entries(doc, "users", "user", USER);
    List<Map<?, ?>> contexts = entries(doc, "contexts", "context", CONTEXT);
    int c = chosen(doc, contexts);
    Map<?, ?> context = (Map<?, ?>) contexts.get(c).get("context");
    String contextField = "contexts[" + c + "].context";
    int k = named(clusters, "clusters", text(context, contextField, "cluster"), contextField + ".cluster");
    Map<?, ?> cluster = (Map<?, ?>) clusters.get(k).get("cluster");
    String clusterField = "clusters[" + k + "].cluster";
    ConfigBuilder config = new ConfigBuilder()
        .withAutoConfigure(false)
        .withMasterUrl(server(text(cluster, clusterField, "server"), clusterField + ".server"))
        .withCaCertData(base64(cluster, clusterField, "certificate-authority-data"))
        .withNamespace(text(context, contextField, "namespace"));
    String userName = text(context, contextField, "user");
    if (userName != null) {
      int u = named(users, "users", userName, contextField + ".user");
      Map<?, ?> user = (Map<?, ?>) users.get(u).get("user");
      String userField = "users[" + u + "].user";
      String key = base64(user, userField, "client-key-data");
      config.withClientCertData(base64(user, userField, "client-certificate-data"))
          .withClientKeyData(key)
          .withClientKeyAlgo(key == null ? null : keyAlgorithm(key))
          .withOauthToken(text(user, userField, "token"))
          .withUsername(text(user, userField, "username"))
          .withPassword(text(user, userField, "password"));
    }
    return config.build();
  }

  /** Each entry of the named list {@code list} (e.g. {@code clusters[].cluster}), checked field by field. */
  private List<Map<?, ?>> entries(Map<?, ?> doc, String list, String inner, Set<String> allowed) {
    Object value = doc.get(list);
    if (value == null) {
      return List.of();
    }
    if (!(value instanceof List<?> items)) {
      throw failure(where + ": " + list + " must be a list");
    }
    for (int i = 0; i < items.size(); i++) {
      String field = list + "[" + i + "]";
      if (!(items.get(i) instanceof Map<?, ?> item)) {
        throw failure(where + ": " + field + " must be a mapping");
      }
      allowOnly(field, item, Set.of("name", inner, "extensions"));
      text(item, field, "name");
      if (!(item.get(inner) instanceof Map<?, ?> body)) {
        throw failure(where + ": " + field + "." + inner + " must be a mapping");
      }
      allowOnly(field + "." + inner, body, allowed);
    }
    return items.stream().<Map<?, ?>>map(i -> (Map<?, ?>) i).toList();
  }

  private void allowOnly(String field, Map<?, ?> map, Set<String> allowed) {
    for (Object key : map.keySet()) {
      String name = String.valueOf(key);
      if (allowed.contains(name)) {
        continue;
      }
      String at = field.isEmpty() ? "" : field + ".";
      String why = REFUSED.get(name);
      if (why == null) {
        why = "is not a field Driftless accepts in a kubeconfig from a Secret";
      }
      throw failure(where + ": " + (PRINTABLE_KEY.matcher(name).matches() ? at + name + " " + why
          : (field.isEmpty() ? "a top-level field " : at + "<field> ") + why));
    }
  }

  /** The index of the context in use: {@code current-context}, or the only one. */
  private int chosen(Map<?, ?> doc, List<Map<?, ?>> contexts) {
    String current = text(doc, "", "current-context");
    if (current == null || current.isEmpty()) {
      if (contexts.size() != 1) {
        throw failure(where + ": current-context is not set and there is not exactly one context");
      }
      return 0;
    }
    return named(contexts, "contexts", current, "current-context");
  }

  /** The index of the entry of {@code entries} called {@code name}. */
  private int named(List<Map<?, ?>> entries, String list, String name, String field) {
    for (int i = 0; i < entries.size(); i++) {
      if (name != null && name.equals(entries.get(i).get("name"))) {
        return i;
      }
    }
    throw failure(where + ": " + field + " names no entry of " + list);
  }

  private String text(Map<?, ?> map, String field, String key) {
    Object value = map.get(key);
    if (value == null || value instanceof String) {
      return (String) value;
    }
    throw failure(where + ": " + (field.isEmpty() ? "" : field + ".") + key + " must be a string");
  }

  /** The base64 text of {@code key}, checked to decode (fabric8 decodes it itself). */
  private String base64(Map<?, ?> map, String field, String key) {
    String value = text(map, field, key);
    if (value != null) {
      try {
        Base64.getMimeDecoder().decode(value);
      } catch (IllegalArgumentException e) {
        throw failure(where + ": " + field + "." + key + " is not base64");
      }
    }
    return value;
  }

  private String server(String url, String field) {
    if (url == null || url.isBlank()) {
      throw failure(where + ": " + field + " is not set");
    }
    try {
      URI uri = new URI(url);
      if (!("https".equals(uri.getScheme()) || "http".equals(uri.getScheme())) || uri.getHost() == null) {
        throw failure(where + ": " + field + " must be an http(s) URL with a host");
      }
      if (uri.getRawUserInfo() != null) {
        throw failure(where + ": " + field + " must not hold credentials; use the user's token or username/password");
      }
      return url;
    } catch (URISyntaxException e) {
      throw failure(where + ": " + field + " is not a URL");
    }
  }

  /** fabric8's own detection from the key's PEM header, without its system-property and environment overrides. */
  private String keyAlgorithm(String key) {
    try {
      return Config.getKeyAlgorithm(new ByteArrayInputStream(Base64.getMimeDecoder().decode(key)));
    } catch (IOException e) {
      throw failure(where + ": users[].user.client-key-data is not a PEM key");
    }
  }

  private static StageFailure failure(String message) {
    return new StageFailure(Reason.RECONCILIATION_FAILED, message, null);
  }
}
