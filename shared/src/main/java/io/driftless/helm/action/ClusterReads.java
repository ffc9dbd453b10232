package io.driftless.helm.action;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.driftless.helm.render.TargetCluster;
import io.driftless.model.ParseLimits;
import io.fabric8.kubernetes.api.model.APIGroup;
import io.fabric8.kubernetes.api.model.APIGroupList;
import io.fabric8.kubernetes.api.model.APIResource;
import io.fabric8.kubernetes.api.model.APIResourceList;
import io.fabric8.kubernetes.api.model.GroupVersionForDiscovery;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.http.HttpRequest;
import io.fabric8.kubernetes.client.http.HttpResponse;
import java.io.IOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.concurrent.ExecutionException;

/**
 * The release's target cluster as a chart's render reads it, through the client the release is
 * applied with (the remote cluster of {@code spec.kubeConfig}, impersonating
 * {@code spec.serviceAccountName}), as Helm reads it under helm-controller: discovery read afresh for
 * each render that asks (helm-controller builds its discovery client per reconcile), {@code lookup} as
 * Helm's {@code lookup_func.go}.
 */
final class ClusterReads implements TargetCluster {
  private static final ObjectMapper JSON = ParseLimits.jsonMapper();

  private final KubernetesClient client;
  private final boolean chartCrds;
  private List<String> apiVersions;

  ClusterReads(KubernetesClient client, boolean chartCrds) {
    this.client = client;
    this.chartCrds = chartCrds;
  }

  @Override
  public boolean servesChartCrds() {
    return chartCrds;
  }

  /**
   * As Helm's {@code GetVersionSet}: every group version of {@code /api} and {@code /apis}, and
   * {@code groupVersion/Kind} of every resource each serves (subresources included); a group version
   * whose resources cannot be read keeps its {@code group/version} only, as Helm tolerates a failed
   * group's discovery.
   */
  @Override
  public List<String> apiVersions() {
    if (apiVersions == null) {
      List<String> groupVersions = new ArrayList<>(client.getAPIVersions().getVersions());
      APIGroupList groups = client.getApiGroups();
      for (APIGroup group : groups == null ? List.<APIGroup>of() : groups.getGroups()) {
        group.getVersions().stream().map(GroupVersionForDiscovery::getGroupVersion).forEach(groupVersions::add);
      }
      TreeSet<String> versions = new TreeSet<>(groupVersions);
      for (String groupVersion : groupVersions) {
        try {
          APIResourceList resources = client.getApiResources(groupVersion);
          if (resources != null) {
            resources.getResources().forEach(r -> versions.add(groupVersion + "/" + r.getKind()));
          }
        } catch (KubernetesClientException unavailable) {
          // an aggregated API that does not answer: its group version stays, without kinds
        }
      }
      apiVersions = List.copyOf(versions);
    }
    return apiVersions;
  }

  @Override
  public Map<String, Object> lookup(String apiVersion, String kind, String namespace, String name) {
    APIResourceList resources;
    try {
      resources = client.getApiResources(apiVersion);
    } catch (KubernetesClientException e) {
      throw new LookupException("unable to retrieve resource list for " + apiVersion + ": " + reason(e));
    }
    if (resources == null) {
      throw new LookupException("unable to retrieve resource list for " + apiVersion
          + ": the server could not find the requested resource");
    }
    APIResource resource = resources.getResources().stream()
        .filter(r -> kind.equals(r.getKind()) && !r.getName().contains("/")).findFirst().orElse(null);
    if (resource == null) {
      return Map.of(); // Helm asks for a resource with no name, and the server has none
    }
    StringBuilder path = new StringBuilder(apiVersion.contains("/") ? "apis/" : "api/").append(apiVersion);
    if (Boolean.TRUE.equals(resource.getNamespaced()) && !namespace.isEmpty()) {
      path.append("/namespaces/").append(segment(namespace));
    }
    path.append('/').append(resource.getName());
    if (!name.isEmpty()) {
      path.append('/').append(segment(name));
    }
    HttpResponse<byte[]> response = get(path.toString());
    if (response.code() == 404) {
      return Map.of();
    }
    String body = response.body() == null ? "" : new String(response.body(), StandardCharsets.UTF_8);
    if (response.code() / 100 != 2) {
      throw new LookupException("the API server answered " + response.code() + ": " + statusMessage(body));
    }
    try {
      @SuppressWarnings("unchecked")
      Map<String, Object> object = JSON.readValue(body, LinkedHashMap.class);
      return name.isEmpty() ? withItemKinds(object) : object;
    } catch (IOException e) {
      throw new LookupException("the API server's answer is not a JSON object");
    }
  }

  /** A list's items get their apiVersion and kind, as client-go's unstructured list decoding sets them. */
  @SuppressWarnings("unchecked")
  private static Map<String, Object> withItemKinds(Map<String, Object> list) {
    Object kind = list.get("kind");
    if (list.get("items") instanceof List<?> items && kind instanceof String listKind) {
      for (Object item : items) {
        if (item instanceof Map<?, ?> map) {
          ((Map<String, Object>) map).putIfAbsent("apiVersion", list.get("apiVersion"));
          ((Map<String, Object>) map).putIfAbsent("kind", listKind.replaceFirst("List$", ""));
        }
      }
    }
    return list;
  }

  private HttpResponse<byte[]> get(String path) {
    String base = client.getMasterUrl().toString();
    HttpRequest request = client.getHttpClient().newHttpRequestBuilder()
        .uri((base.endsWith("/") ? base : base + "/") + path).build();
    try {
      return client.getHttpClient().sendAsync(request, byte[].class).get();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new LookupException("interrupted");
    } catch (ExecutionException e) {
      throw new LookupException("the API server did not answer: " + e.getCause().getClass().getSimpleName());
    }
  }

  private static String segment(String s) {
    return URLEncoder.encode(s, StandardCharsets.UTF_8).replace("+", "%20");
  }

  private static String statusMessage(String body) {
    try {
      Object message = JSON.readValue(body, Map.class).get("message");
      return message instanceof String text ? text : "no message";
    } catch (IOException e) {
      return "no message";
    }
  }

  private static String reason(KubernetesClientException e) {
    return e.getStatus() != null && e.getStatus().getMessage() != null ? e.getStatus().getMessage()
        : "code " + e.getCode();
  }
}
