package io.driftless.trigger;

import com.fasterxml.jackson.databind.JsonNode;
import io.driftless.model.Yaml;
import java.io.IOException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Reads the repository URLs, ref and new commit from a GitHub, Gitea or GitLab push (or ping) payload.
 * GitHub and Gitea put the URLs under {@code repository}; GitLab under {@code project} and
 * {@code repository}.
 */
public final class PushPayloads {
  private static final String[] REPOSITORY_FIELDS = {
    "clone_url", "git_http_url", "ssh_url", "git_ssh_url", "html_url", "web_url", "git_url", "url",
    "homepage"
  };

  private PushPayloads() {}

  /** Throws {@link IllegalArgumentException} when the body is not a JSON object naming a repository. */
  public static PushEvent parse(WebhookProvider provider, String deliveryId, byte[] body) {
    return parse(provider, deliveryId, "application/json", body);
  }

  /**
   * As {@link #parse(WebhookProvider, String, byte[])}; a form-encoded body (GitHub's
   * {@code application/x-www-form-urlencoded} option) carries the JSON in its {@code payload} field.
   */
  public static PushEvent parse(
      WebhookProvider provider, String deliveryId, String contentType, byte[] body) {
    JsonNode root = readJson(isForm(contentType) ? formPayload(body) : body);
    List<String> urls = new ArrayList<>();
    collectUrls(root.path("project"), urls);
    collectUrls(root.path("repository"), urls);
    if (urls.isEmpty()) {
      throw new IllegalArgumentException(provider.id() + " payload names no repository URL");
    }
    return new PushEvent(
        provider.id(), deliveryId, urls.get(0), urls, text(root, "ref"), text(root, "after"));
  }

  private static boolean isForm(String contentType) {
    return contentType != null
        && contentType.toLowerCase(Locale.ROOT).startsWith("application/x-www-form-urlencoded");
  }

  private static byte[] formPayload(byte[] body) {
    for (String field : new String(body, StandardCharsets.US_ASCII).split("&")) {
      if (field.startsWith("payload=")) {
        String json = URLDecoder.decode(field.substring("payload=".length()), StandardCharsets.UTF_8);
        return json.getBytes(StandardCharsets.UTF_8);
      }
    }
    throw new IllegalArgumentException("form-encoded webhook body has no payload field");
  }

  private static JsonNode readJson(byte[] body) {
    try {
      JsonNode root = Yaml.json().readTree(body);
      if (root == null || !root.isObject()) {
        throw new IllegalArgumentException("webhook body is not a JSON object");
      }
      return root;
    } catch (IOException e) {
      throw new IllegalArgumentException("webhook body is not valid JSON", e);
    }
  }

  private static void collectUrls(JsonNode node, List<String> urls) {
    if (!node.isObject()) {
      return;
    }
    for (String field : REPOSITORY_FIELDS) {
      String url = text(node, field);
      if (url != null && !urls.contains(url)) {
        urls.add(url);
      }
    }
  }

  private static String text(JsonNode node, String field) {
    JsonNode value = node.get(field);
    return value != null && value.isTextual() && !value.asText().isBlank() ? value.asText() : null;
  }
}
