package io.driftless.helm.release;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.driftless.model.ParseLimits;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * One revision of a Helm release, held as the JSON document Helm stores
 * ({@code helm.sh/helm/v3/pkg/release/release.go}): {@code name}, {@code info} ({@code first_deployed},
 * {@code last_deployed}, {@code deleted}, {@code description}, {@code status}, {@code notes}),
 * {@code chart}, {@code config}, {@code manifest}, {@code hooks}, {@code version}, {@code namespace}.
 * Keeping the document itself means a revision written by Helm (3 or 4) survives a rewrite here, such
 * as an unlock, with every field Helm put in it, including ones this class does not know.
 */
public final class StoredRelease {
  static final ObjectMapper JSON = ParseLimits.jsonMapper();

  private final ObjectNode json;

  private StoredRelease(ObjectNode json) {
    this.json = json;
  }

  /** Wraps a decoded document (copied); {@code origin} names where it came from in errors. */
  static StoredRelease of(JsonNode json, String origin) {
    if (!(json instanceof ObjectNode object)) {
      throw new ReleaseFormatException(origin + ": the release is not a JSON object");
    }
    if (!object.path("name").isTextual() || object.path("name").asText().isEmpty()) {
      throw new ReleaseFormatException(origin + ": the release has no name");
    }
    if (!object.path("version").canConvertToInt() || object.path("version").asInt() < 1) {
      throw new ReleaseFormatException(origin + ": the release has no version");
    }
    return new StoredRelease(object.deepCopy());
  }

  /** A new revision in Helm's field order; {@code deleted} and unset times are Helm's empty strings. */
  public static StoredRelease create(
      ReleaseContent content,
      int version,
      ReleaseStatus status,
      String description,
      Instant firstDeployed,
      Instant lastDeployed) {
    ObjectNode json = JSON.createObjectNode();
    json.put("name", content.name());
    ObjectNode info = json.putObject("info");
    info.put("first_deployed", GoTime.format(firstDeployed));
    info.put("last_deployed", GoTime.format(lastDeployed));
    info.put("deleted", "");
    if (!description.isEmpty()) {
      info.put("description", description);
    }
    info.put("status", status.stored());
    if (!content.notes().isEmpty()) {
      info.put("notes", content.notes());
    }
    json.set("chart", content.chart().deepCopy());
    if (!content.config().isEmpty()) {
      json.set("config", JSON.valueToTree(content.config()));
    }
    if (!content.manifest().isEmpty()) {
      json.put("manifest", content.manifest());
    }
    if (!content.hooks().isEmpty()) {
      ArrayNode hooks = json.putArray("hooks");
      content.hooks().forEach(hook -> hooks.add(hookJson(hook)));
    }
    json.put("version", version);
    json.put("namespace", content.namespace());
    return new StoredRelease(json);
  }

  private static ObjectNode hookJson(ReleaseHook hook) {
    ObjectNode json = JSON.createObjectNode();
    json.put("name", hook.name());
    json.put("kind", hook.kind());
    putIfNotEmpty(json, "path", hook.path());
    putIfNotEmpty(json, "manifest", hook.manifest());
    putList(json, "events", hook.events());
    ObjectNode run = json.putObject("last_run");
    run.put("started_at", GoTime.format(hook.lastRun().startedAt()));
    run.put("completed_at", GoTime.format(hook.lastRun().completedAt()));
    run.put("phase", hook.lastRun().phase());
    if (hook.weight() != 0) {
      json.put("weight", hook.weight());
    }
    putList(json, "delete_policies", hook.deletePolicies());
    putList(json, "output_log_policies", hook.outputLogPolicies());
    return json;
  }

  private static void putIfNotEmpty(ObjectNode json, String field, String value) {
    if (value != null && !value.isEmpty()) {
      json.put(field, value);
    }
  }

  private static void putList(ObjectNode json, String field, List<String> values) {
    if (!values.isEmpty()) {
      ArrayNode array = json.putArray(field);
      values.forEach(array::add);
    }
  }

  public String name() {
    return json.path("name").asText();
  }

  public String namespace() {
    return json.path("namespace").asText();
  }

  public int version() {
    return json.path("version").asInt();
  }

  public ReleaseStatus status() {
    return ReleaseStatus.ofStored(json.path("info").path("status").asText(""));
  }

  public String description() {
    return json.path("info").path("description").asText("");
  }

  public String notes() {
    return json.path("info").path("notes").asText("");
  }

  public Instant firstDeployed() {
    return GoTime.parse(json.path("info").path("first_deployed").asText(""), "info.first_deployed");
  }

  public Instant lastDeployed() {
    return GoTime.parse(json.path("info").path("last_deployed").asText(""), "info.last_deployed");
  }

  public Instant deleted() {
    return GoTime.parse(json.path("info").path("deleted").asText(""), "info.deleted");
  }

  public String manifest() {
    return json.path("manifest").asText("");
  }

  public String chartName() {
    return json.path("chart").path("metadata").path("name").asText("");
  }

  public String chartVersion() {
    return json.path("chart").path("metadata").path("version").asText("");
  }

  public String appVersion() {
    return json.path("chart").path("metadata").path("appVersion").asText("");
  }

  /** The user-supplied values ({@code helm get values}); empty when the release has none. */
  @SuppressWarnings("unchecked")
  public Map<String, Object> config() {
    JsonNode config = json.path("config");
    return config.isObject() ? JSON.convertValue(config, Map.class) : Map.of();
  }

  /** The stored chart document ({@code metadata}, {@code templates}, {@code values}…), a copy. */
  public ObjectNode chart() {
    JsonNode chart = json.path("chart");
    return chart.isObject() ? ((ObjectNode) chart).deepCopy() : JSON.createObjectNode();
  }

  public List<ReleaseHook> hooks() {
    List<ReleaseHook> hooks = new ArrayList<>();
    for (JsonNode hook : json.path("hooks")) {
      JsonNode run = hook.path("last_run");
      hooks.add(new ReleaseHook(
          hook.path("name").asText(""),
          hook.path("kind").asText(""),
          hook.path("path").asText(""),
          hook.path("manifest").asText(""),
          texts(hook.path("events")),
          hook.path("weight").asInt(0),
          texts(hook.path("delete_policies")),
          texts(hook.path("output_log_policies")),
          new HookRun(
              GoTime.parse(run.path("started_at").asText(""), "hooks[].last_run.started_at"),
              GoTime.parse(run.path("completed_at").asText(""), "hooks[].last_run.completed_at"),
              run.path("phase").asText(""))));
    }
    return hooks;
  }

  private static List<String> texts(JsonNode array) {
    List<String> out = new ArrayList<>();
    array.forEach(item -> out.add(item.asText()));
    return out;
  }

  /**
   * The revision a rollback of {@code current} to {@code target} writes, as Helm 3's
   * {@code action.Rollback}: version {@code current + 1}, {@code pending-rollback}, "Rollback to M",
   * the target's chart, config, manifest, hooks and notes, the current first-deployed time.
   */
  public static StoredRelease rollback(StoredRelease current, StoredRelease target, Instant now) {
    ObjectNode json = JSON.createObjectNode();
    json.put("name", current.name());
    ObjectNode info = json.putObject("info");
    info.set("first_deployed", current.json.path("info").path("first_deployed").deepCopy());
    info.put("last_deployed", GoTime.format(now));
    info.put("deleted", "");
    info.put("description", "Rollback to " + target.version());
    info.put("status", ReleaseStatus.PENDING_ROLLBACK.stored());
    if (!target.notes().isEmpty()) {
      info.put("notes", target.notes());
    }
    for (String field : List.of("chart", "config", "manifest", "hooks")) {
      if (target.json.has(field)) {
        json.set(field, target.json.get(field).deepCopy());
      }
    }
    json.put("version", current.version() + 1);
    json.put("namespace", current.namespace());
    return new StoredRelease(json);
  }

  /** This revision with a new status and description ({@code helm history}'s DESCRIPTION column). */
  public StoredRelease withStatus(ReleaseStatus status, String description) {
    ObjectNode copy = json.deepCopy();
    ObjectNode info = copy.with("info");
    info.put("status", status.stored());
    if (description.isEmpty()) {
      info.remove("description"); // Go's omitempty
    } else {
      info.put("description", description);
    }
    return new StoredRelease(copy);
  }

  /** This revision with its hooks replaced (their last runs recorded, as Helm does after running them). */
  public StoredRelease withHooks(List<ReleaseHook> hooks) {
    ObjectNode copy = json.deepCopy();
    if (hooks.isEmpty()) {
      copy.remove("hooks");
    } else {
      ArrayNode array = JSON.createArrayNode();
      hooks.forEach(hook -> array.add(hookJson(hook)));
      copy.set("hooks", array);
    }
    return new StoredRelease(copy);
  }

  /** This revision marked deleted at {@code when}, as {@code helm uninstall --keep-history} leaves it. */
  public StoredRelease withDeleted(Instant when, String description) {
    StoredRelease uninstalled = withStatus(ReleaseStatus.UNINSTALLED, description);
    ((ObjectNode) uninstalled.json.get("info")).put("deleted", GoTime.format(when));
    return uninstalled;
  }

  /** The stored document (a copy). */
  public ObjectNode json() {
    return json.deepCopy();
  }

  ObjectNode document() {
    return json;
  }

  @Override
  public String toString() {
    return "release " + namespace() + "/" + name() + ".v" + version() + " (" + status().stored() + ")";
  }
}
