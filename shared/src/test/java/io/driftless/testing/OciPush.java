package io.driftless.testing;

import io.driftless.source.Digests;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Base64;

/**
 * Pushes a packaged chart to a registry as {@code helm push} does: a Helm config blob, the chart
 * layer ({@code application/vnd.cncf.helm.chart.content.v1.tar+gzip}) and an OCI image manifest
 * under a tag (Helm writes {@code +} in a version as {@code _}). Returns the manifest digest.
 */
public final class OciPush {
  public static final String CONFIG_TYPE = "application/vnd.cncf.helm.config.v1+json";
  public static final String CHART_TYPE = "application/vnd.cncf.helm.chart.content.v1.tar+gzip";
  private static final HttpClient HTTP = HttpClient.newHttpClient();

  private OciPush() {}

  public static String chart(String registry, String repository, String tag, String name, String version,
      byte[] tgz, String user, String password) throws IOException, InterruptedException {
    byte[] config = ("{\"apiVersion\":\"v2\",\"name\":\"" + name + "\",\"version\":\"" + version + "\"}")
        .getBytes(StandardCharsets.UTF_8);
    String auth = user == null ? null
        : "Basic " + Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
    String configDigest = blob(registry, repository, config, auth);
    String layerDigest = blob(registry, repository, tgz, auth);
    String manifest = """
        {"schemaVersion": 2, "mediaType": "application/vnd.oci.image.manifest.v1+json",
         "config": {"mediaType": "%s", "digest": "%s", "size": %d},
         "layers": [{"mediaType": "%s", "digest": "%s", "size": %d}],
         "annotations": {"org.opencontainers.image.title": "%s", "org.opencontainers.image.version": "%s"}}
        """.formatted(CONFIG_TYPE, configDigest, config.length, CHART_TYPE, layerDigest, tgz.length, name, version);
    byte[] body = manifest.getBytes(StandardCharsets.UTF_8);
    HttpRequest.Builder put = HttpRequest.newBuilder(URI.create(
            "http://" + registry + "/v2/" + repository + "/manifests/" + tag))
        .header("Content-Type", "application/vnd.oci.image.manifest.v1+json")
        .PUT(HttpRequest.BodyPublishers.ofByteArray(body));
    send(put, auth, 201);
    return Digests.sha256(body);
  }

  private static String blob(String registry, String repository, byte[] content, String auth)
      throws IOException, InterruptedException {
    String digest = Digests.sha256(content);
    HttpResponse<String> start = send(HttpRequest.newBuilder(URI.create(
            "http://" + registry + "/v2/" + repository + "/blobs/uploads/"))
        .POST(HttpRequest.BodyPublishers.noBody()), auth, 202);
    URI location = URI.create("http://" + registry + "/").resolve(start.headers().firstValue("Location").orElseThrow());
    String sep = location.getQuery() == null ? "?" : "&";
    send(HttpRequest.newBuilder(URI.create(location + sep + "digest=" + digest))
        .header("Content-Type", "application/octet-stream")
        .PUT(HttpRequest.BodyPublishers.ofByteArray(content)), auth, 201);
    return digest;
  }

  private static HttpResponse<String> send(HttpRequest.Builder req, String auth, int want)
      throws IOException, InterruptedException {
    if (auth != null) {
      req.header("Authorization", auth);
    }
    HttpResponse<String> res = HTTP.send(req.build(), HttpResponse.BodyHandlers.ofString());
    if (res.statusCode() != want) {
      throw new IOException("push: " + res.request().method() + " " + res.uri() + " -> " + res.statusCode() + " " + res.body());
    }
    return res;
  }
}
