package io.driftless.apply;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.driftless.model.InventoryEntry;
import io.driftless.model.KubeObject;
import io.driftless.model.ObjectId;
import io.driftless.model.Yaml;
import io.driftless.sandbox.ApiCall;
import io.driftless.local.ApiCalls;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.dsl.base.PatchContext;
import io.fabric8.kubernetes.client.dsl.base.PatchType;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The apply and prune behaviour a user relies on, run against any API server: the sandbox in
 * {@link ResourceManagerTest}, a real cluster in {@link RealClusterApplyIT}.
 */
abstract class ApplyContract {
  protected static final ApplyOptions OPTIONS = new ApplyOptions(false, Duration.ofSeconds(30));
  protected static final OwnerLabels OWNER = new OwnerLabels("apps", "flux-system");

  protected KubernetesClient client;
  protected ResourceManager manager;
  /** A namespace name unique to this test, so a shared real cluster stays usable. */
  protected String ns;

  protected abstract KubernetesClient connect();

  /** A client of its own that sends {@code userAgent}, so that {@link #calls} can count its requests. */
  protected abstract KubernetesClient connect(String userAgent);

  /** The request log of this server. */
  protected abstract ApiCalls calls();

  @BeforeEach
  void connectClient() {
    client = connect();
    manager = new ResourceManager(client);
    ns = "dl-" + UUID.randomUUID().toString().substring(0, 8);
  }

  /** Releases the client after the test's namespace is deleted; the sandbox closes its own. */
  protected void disconnect() {}

  @AfterEach
  void deleteNamespace() {
    if (client != null) {
      client.namespaces().withName(ns).delete();
      disconnect();
    }
  }

  @Test
  void reportsCreatedThenUnchangedWithoutWritingThenConfigured() {
    ChangeSet first = manager.applyAllStaged(objects(namespace(), configMap("web", "mode: fast")), OPTIONS);
    String version = configMapLive("web").getMetadata().getResourceVersion();
    ChangeSet second = manager.applyAllStaged(objects(namespace(), configMap("web", "mode: fast")), OPTIONS);
    ChangeSet third = manager.applyAllStaged(objects(namespace(), configMap("web", "mode: slow")), OPTIONS);

    assertThat(first.lines()).containsExactly("Namespace/" + ns + " created", "ConfigMap/" + ns + "/web created");
    assertThat(second.lines()).containsExactly("Namespace/" + ns + " unchanged", "ConfigMap/" + ns + "/web unchanged");
    assertThat(second.hasChanges()).isFalse();
    assertThat(third.lines()).contains("ConfigMap/" + ns + "/web configured");
    assertThat(third.hasChanges()).isTrue();
    assertThat(configMapLive("web").getMetadata().getResourceVersion()).isNotEqualTo(version);
    assertThat(second.toInventory()).containsExactly(
        new InventoryEntry("_" + ns + "__Namespace", "v1"), new InventoryEntry(ns + "_web__ConfigMap", "v1"));
  }

  @Test
  void unchangedApplyKeepsTheResourceVersion() {
    manager.applyAllStaged(objects(namespace(), configMap("web", "mode: fast")), OPTIONS);
    String version = configMapLive("web").getMetadata().getResourceVersion();

    manager.applyAllStaged(objects(namespace(), configMap("web", "mode: fast")), OPTIONS);

    assertThat(configMapLive("web").getMetadata().getResourceVersion()).isEqualTo(version);
  }

  @Test
  void aNamespacedObjectAloneFailsButIsAppliedAfterItsNamespaceInOneCall() {
    assertThatThrownBy(() -> manager.applyAllStaged(objects(configMap("web", "mode: fast")), OPTIONS))
        .isInstanceOf(ApplyException.class)
        .hasMessageContaining("ConfigMap/" + ns + "/web apply failed (NotFound)")
        .hasMessageContaining("from " + ns + ".yaml");

    ChangeSet changes = manager.applyAllStaged(objects(configMap("web", "mode: fast"), namespace()), OPTIONS);

    assertThat(changes.lines()).containsExactly("Namespace/" + ns + " created", "ConfigMap/" + ns + "/web created");
  }

  @Test
  void aCrdAndItsCustomResourceApplyInOneCall() {
    String group = ns + ".example.com";
    KubeObject crd = object("""
        apiVersion: apiextensions.k8s.io/v1
        kind: CustomResourceDefinition
        metadata: {name: widgets.%1$s}
        spec:
          group: %1$s
          scope: Namespaced
          names: {plural: widgets, singular: widget, kind: Widget, listKind: WidgetList}
          versions:
          - name: v1
            served: true
            storage: true
            schema: {openAPIV3Schema: {type: object, x-kubernetes-preserve-unknown-fields: true}}
        """.formatted(group));
    KubeObject widget = object("apiVersion: %s/v1\nkind: Widget\nmetadata: {name: w, namespace: %s}\nspec: {size: 3}\n"
        .formatted(group, ns));
    try {
      ChangeSet changes = manager.applyAllStaged(objects(widget, namespace(), crd), OPTIONS);

      assertThat(changes.lines()).containsExactly("CustomResourceDefinition/widgets." + group + " created",
          "Namespace/" + ns + " created", "Widget/" + ns + "/w created");
      assertThat(client.genericKubernetesResources(group + "/v1", "Widget").inNamespace(ns).withName("w").get()).isNotNull();
    } finally {
      client.apiextensions().v1().customResourceDefinitions().withName("widgets." + group).delete();
    }
  }

  @Test
  void aFailureNamesTheObjectAndCarriesTheStagesAppliedBefore() {
    KubeObject unknown = object("apiVersion: nowhere.example.com/v1\nkind: Gadget\nmetadata: {name: g, namespace: %s}\n".formatted(ns));

    assertThatThrownBy(() -> manager.applyAllStaged(objects(namespace(), configMap("web", "a: b"), unknown), OPTIONS))
        .isInstanceOfSatisfying(ApplyException.class, e -> {
          assertThat(e.getMessage()).startsWith("Gadget/" + ns + "/g apply failed");
          assertThat(e.partial().lines()).containsExactly("Namespace/" + ns + " created");
        });
    assertThat(client.configMaps().inNamespace(ns).withName("web").get()).as("same stage as the Gadget").isNull();
  }

  @Test
  void aStageWithOneObjectTheServerRefusesIsNotAppliedAtAll() {
    manager.applyAllStaged(objects(namespace()), OPTIONS);

    assertThatThrownBy(() -> manager.applyAllStaged(objects(configMap("alpha", "a: b"), configMap("bad", "key: [x, y]"),
        configMap("gamma", "a: b")), OPTIONS))
        .isInstanceOfSatisfying(ApplyException.class, e -> {
          assertThat(e.getMessage()).startsWith("ConfigMap/" + ns + "/bad dry-run failed (").doesNotContain("\n");
          assertThat(e.partial().lines()).isEmpty();
        });
    assertThat(client.configMaps().inNamespace(ns).list().getItems()).extracting(cm -> cm.getMetadata().getName())
        .doesNotContain("alpha", "bad", "gamma");
  }

  @Test
  void theStagesBeforeARefusedStageAreAppliedAndItsFirstCreateRefusedWritesNothing() {
    assertThatThrownBy(() -> manager.applyAllStaged(objects(namespace(), configMap("a-bad", "key: [x, y]"),
        configMap("db", "a: b"), configMap("web", "a: b")), OPTIONS))
        .isInstanceOfSatisfying(ApplyException.class, e -> {
          assertThat(e.getMessage()).startsWith("ConfigMap/" + ns + "/a-bad apply failed (").doesNotContain("\n");
          assertThat(e.partial().lines()).containsExactly("Namespace/" + ns + " created");
        });
    assertThat(client.namespaces().withName(ns).get()).isNotNull();
    assertThat(client.configMaps().inNamespace(ns).list().getItems()).extracting(cm -> cm.getMetadata().getName())
        .doesNotContain("a-bad", "db", "web");
  }

  @Test
  void anAppliedStageWhoseObjectBecomesInvalidKeepsEveryObjectAsItWas() {
    manager.applyAllStaged(objects(namespace(), configMap("alpha", "v: '1'"), configMap("beta", "v: '1'"),
        configMap("gamma", "v: '1'")), OPTIONS);
    String version = configMapLive("alpha").getMetadata().getResourceVersion();

    assertThatThrownBy(() -> manager.applyAllStaged(objects(namespace(), configMap("alpha", "v: '2'"),
        configMap("beta", "v: [x, y]"), configMap("gamma", "v: '2'"), configMap("delta", "v: '2'")), OPTIONS))
        .isInstanceOf(ApplyException.class)
        .hasMessageStartingWith("ConfigMap/" + ns + "/beta dry-run failed (");

    for (String name : List.of("alpha", "beta", "gamma")) {
      assertThat(client.configMaps().inNamespace(ns).withName(name).get().getData()).containsEntry("v", "1");
    }
    assertThat(client.configMaps().inNamespace(ns).withName("delta").get()).isNull();
    assertThat(configMapLive("alpha").getMetadata().getResourceVersion()).isEqualTo(version);
  }

  @Test
  void aHelmDriftCorrectionWithAnObjectTheServerRefusesCorrectsNothing() {
    manager.applyAllStaged(objects(namespace(), configMap("alpha", "v: '1'"), configMap("beta", "v: '1'")), OPTIONS);
    client.configMaps().inNamespace(ns).withName("alpha").edit(cm -> {
      cm.getData().put("v", "edited");
      return cm;
    });
    client.configMaps().inNamespace(ns).withName("beta").delete();
    DriftDetector detector = new DriftDetector(client);
    List<DriftDetector.Drift> drifts = detector.detect(objects(configMap("alpha", "v: '1'"), configMap("beta", "v: '1'"),
        configMap("gamma", "v: [x, y]")), List.of());

    assertThatThrownBy(() -> detector.correct(drifts, List.of()))
        .isInstanceOf(ApplyException.class)
        .hasMessageStartingWith("ConfigMap/" + ns + "/gamma drift correction dry-run failed (");

    assertThat(client.configMaps().inNamespace(ns).withName("alpha").get().getData()).containsEntry("v", "edited");
    assertThat(client.configMaps().inNamespace(ns).withName("beta").get()).isNull();
    assertThat(detector.correct(drifts.subList(0, 2), List.of()).lines())
        .containsExactly("ConfigMap/" + ns + "/beta created", "ConfigMap/" + ns + "/alpha configured");
  }

  @Test
  void driftMadeByAnotherClientIsReverted() {
    manager.applyAllStaged(objects(namespace(), configMap("web", "mode: fast")), OPTIONS);
    client.configMaps().inNamespace(ns).withName("web").edit(cm -> {
      cm.getData().put("mode", "edited");
      return cm;
    });

    ChangeSet changes = manager.applyAllStaged(objects(namespace(), configMap("web", "mode: fast")), OPTIONS);

    assertThat(changes.lines()).contains("ConfigMap/" + ns + "/web configured");
    assertThat(client.configMaps().inNamespace(ns).withName("web").get().getData()).containsEntry("mode", "fast");
  }

  @Test
  void fieldsAddedWithKubectlApplyAreRemovedUnlessSsaIsMerge() {
    manager.applyAllStaged(objects(namespace(), configMap("web", "mode: fast"), configMap("merged", "mode: fast")), OPTIONS);
    for (String name : List.of("web", "merged")) {
      client.resource(client.getKubernetesSerialization().convertValue(configMap(name, "extra: added").content(),
          GenericKubernetesResource.class)).fieldManager("kubectl").serverSideApply();
    }
    KubeObject merged = configMap("merged", "mode: fast");
    merged.setAnnotation(FluxMetadata.SSA, "Merge");

    ChangeSet changes = manager.applyAllStaged(objects(namespace(), configMap("web", "mode: fast"), merged), OPTIONS);

    assertThat(changes.lines()).contains("ConfigMap/" + ns + "/web configured");
    assertThat(client.configMaps().inNamespace(ns).withName("web").get().getData()).containsOnlyKeys("mode");
    assertThat(client.configMaps().inNamespace(ns).withName("merged").get().getData()).containsOnlyKeys("mode", "extra");
  }

  @Test
  void objectsMarkedByFluxLabelsAreSkipped() {
    manager.applyAllStaged(objects(namespace(), configMap("once", "v: '1'")), OPTIONS);
    KubeObject ifNotPresent = configMap("once", "v: '2'");
    ifNotPresent.setAnnotation(FluxMetadata.SSA, "IfNotPresent");
    KubeObject disabled = configMap("paused", "v: '1'");
    disabled.setLabel(FluxMetadata.RECONCILE, "Disabled");

    ChangeSet changes = manager.applyAllStaged(objects(namespace(), ifNotPresent, disabled), OPTIONS);

    assertThat(changes.lines()).contains("ConfigMap/" + ns + "/once skipped", "ConfigMap/" + ns + "/paused skipped");
    assertThat(client.configMaps().inNamespace(ns).withName("once").get().getData()).containsEntry("v", "1");
    assertThat(client.configMaps().inNamespace(ns).withName("paused").get()).isNull();
    assertThat(changes.toInventory()).hasSize(3);
  }

  @Test
  void pruneDeletesOnlyOwnedUnprotectedObjects() {
    KubeObject owned = configMap("owned", "a: b");
    KubeObject foreign = configMap("foreign", "a: b");
    KubeObject kept = configMap("kept", "a: b");
    OWNER.applyTo(owned);
    new OwnerLabels("other", "flux-system").applyTo(foreign);
    OWNER.applyTo(kept);
    kept.setAnnotation(FluxMetadata.PRUNE, "disabled");
    ChangeSet applied = manager.applyAllStaged(objects(namespace(), owned, foreign, kept), OPTIONS);
    List<InventoryEntry> stale = new ArrayList<>(Inventories.stale(applied.toInventory(),
        List.of(InventoryEntry.of(new ObjectId("", "Namespace", "", ns), "v1"))));
    stale.add(InventoryEntry.of(new ObjectId("", "ConfigMap", ns, "gone"), "v1"));

    ChangeSet pruned = manager.prune(stale, OWNER);

    assertThat(pruned.lines()).containsExactlyInAnyOrder("ConfigMap/" + ns + "/owned deleted",
        "ConfigMap/" + ns + "/foreign skipped", "ConfigMap/" + ns + "/kept skipped", "ConfigMap/" + ns + "/gone deleted");
    assertThat(client.configMaps().inNamespace(ns).withName("owned").get()).isNull();
    assertThat(client.configMaps().inNamespace(ns).withName("foreign").get()).isNotNull();
    assertThat(client.configMaps().inNamespace(ns).withName("kept").get()).isNotNull();
  }

  @Test
  void aChangedImmutableFieldFailsUnlessForceRecreatesTheObject() {
    manager.applyAllStaged(objects(namespace(), deployment("web")), OPTIONS);

    assertThatThrownBy(() -> manager.applyAllStaged(objects(namespace(), deployment("web2")), OPTIONS))
        .isInstanceOf(ApplyException.class).hasMessageContaining("Deployment/" + ns + "/web dry-run failed (Invalid)")
        .hasMessageContaining("immutable");
    ChangeSet forced = manager.applyAllStaged(objects(namespace(), deployment("web2")), new ApplyOptions(true, Duration.ofSeconds(30)));

    assertThat(forced.lines()).contains("Deployment/" + ns + "/web created");
    assertThat(client.apps().deployments().inNamespace(ns).withName("web").get().getSpec().getSelector().getMatchLabels())
        .containsEntry("app", "web2");
  }

  @Test
  void portsWithoutProtocolApplyAndReapplyUnchanged() {
    KubeObject service = object("""
        apiVersion: v1
        kind: Service
        metadata: {name: web, namespace: %s}
        spec:
          selector: {app: web}
          ports: [{name: http, port: 80, targetPort: http}]
        """.formatted(ns));
    KubeObject deployment = object("""
        apiVersion: apps/v1
        kind: Deployment
        metadata: {name: web, namespace: %s}
        spec:
          selector: {matchLabels: {app: web}}
          template:
            metadata: {labels: {app: web}}
            spec:
              initContainers: [{name: init, image: 'busybox:1.36', ports: [{containerPort: 9000}]}]
              containers: [{name: web, image: 'nginx:1.27', ports: [{name: http, containerPort: 8080}]}]
        """.formatted(ns));

    ChangeSet first = manager.applyAllStaged(objects(namespace(), service, deployment), OPTIONS);
    ChangeSet second = manager.applyAllStaged(objects(namespace(), service, deployment), OPTIONS);

    assertThat(first.lines()).contains("Service/" + ns + "/web created", "Deployment/" + ns + "/web created");
    assertThat(second.hasChanges()).as("defaulted fields are no drift").isFalse();
    assertThat(client.services().inNamespace(ns).withName("web").get().getSpec().getPorts().get(0).getProtocol())
        .isEqualTo("TCP");
    assertThat(service.content().toString()).as("the rendered object stays as rendered").doesNotContain("protocol");
  }

  @Test
  void anIgnoredPathIsLeftToItsOtherManagerWhileTheRestIsCorrected() {
    KubeObject web = scaled("web");
    KubeObject api = scaled("api");
    ApplyOptions ignoring = OPTIONS.ignoring(List.of(new DriftDetector.IgnoreRule(List.of("/spec/replicas"),
        o -> o.id().kind().equals("Deployment") && o.id().name().equals("web"))));
    manager.applyAllStaged(objects(namespace(), web, api), ignoring);
    scaleLive("web", 3);
    scaleLive("api", 3);

    ChangeSet reconcile = manager.applyAllStaged(objects(namespace(), web, api), ignoring);
    ChangeSet again = manager.applyAllStaged(objects(namespace(), web, api), ignoring);
    patchLive("web", "{\"spec\":{\"replicas\":4}}");
    ChangeSet detect = manager.applyAllStaged(objects(namespace(), web, api), ignoring.detecting());

    assertThat(live("web").getSpec().getReplicas()).as("HPA's replicas are kept").isEqualTo(4);
    assertThat(live("web").getSpec().getTemplate().getSpec().getContainers().get(0).getImage())
        .as("the other fields are still corrected").isEqualTo("nginx:1.27");
    assertThat(live("api").getSpec().getReplicas()).as("a rule that does not select it leaves it managed")
        .isEqualTo(1);
    assertThat(reconcile.lines()).contains("Deployment/" + ns + "/web configured", "Deployment/" + ns + "/api configured");
    assertThat(again.hasChanges()).as("a live value at an ignored path is no drift").isFalse();
    assertThat(detect.lines()).contains("Deployment/" + ns + "/web unchanged");
  }

  @Test
  void quantitiesWrittenAsNumbersApplyAndReapplyUnchanged() {
    KubeObject deployment = object("""
        apiVersion: apps/v1
        kind: Deployment
        metadata: {name: sized, namespace: %s}
        spec:
          selector: {matchLabels: {app: sized}}
          template:
            metadata: {labels: {app: sized}}
            spec:
              containers:
                - name: web
                  image: 'nginx:1.27'
                  resources: {requests: {cpu: 0.5, memory: 268435456}, limits: {cpu: 2}}
        """.formatted(ns));

    ChangeSet first = manager.applyAllStaged(objects(namespace(), deployment), OPTIONS);
    ChangeSet second = manager.applyAllStaged(objects(namespace(), deployment), OPTIONS);

    assertThat(first.lines()).contains("Deployment/" + ns + "/sized created");
    assertThat(second.hasChanges()).as("500m is what 0.5 means: no drift").isFalse();
    var resources = client.apps().deployments().inNamespace(ns).withName("sized").get()
        .getSpec().getTemplate().getSpec().getContainers().get(0).getResources();
    assertThat(resources.getRequests().get("cpu").toString()).isEqualTo("500m");
    assertThat(resources.getLimits().get("cpu").toString()).isEqualTo("2");
  }

  @Test
  void aKindTheClusterDoesNotServeIsOneSentenceNamingTheObjectAndApi() {
    KubeObject release = object("""
        apiVersion: helm.toolkit.fluxcd.io/v2
        kind: HelmRelease
        metadata: {name: podinfo, namespace: %s}
        spec: {interval: 10m, chart: {spec: {chart: podinfo}}}
        """.formatted(ns));

    assertThatThrownBy(() -> manager.applyAllStaged(objects(namespace(), release), OPTIONS))
        .isInstanceOf(ApplyException.class)
        .hasMessage("HelmRelease/" + ns + "/podinfo apply failed: the cluster has no API for "
            + "`helm.toolkit.fluxcd.io/v2` HelmRelease (is its CRD installed?) (from " + ns + ".yaml)");
  }

  @Test
  void aFieldOwnedByAnotherManagerIsTakenOver() {
    manager.applyAllStaged(objects(namespace(), configMap("web", "mode: fast")), OPTIONS);
    client.resource(client.getKubernetesSerialization().convertValue(configMap("web", "mode: theirs").content(),
        GenericKubernetesResource.class)).fieldManager("helm").forceConflicts().serverSideApply();

    ChangeSet changes = manager.applyAllStaged(objects(namespace(), configMap("web", "mode: fast")), OPTIONS);

    assertThat(changes.lines()).contains("ConfigMap/" + ns + "/web configured");
    assertThat(client.configMaps().inNamespace(ns).withName("web").get().getData()).containsEntry("mode", "fast");
  }

  @Test
  void pruneDeletesOwnedClusterScopedObjects() {
    KubeObject role = object("""
        apiVersion: rbac.authorization.k8s.io/v1
        kind: ClusterRole
        metadata: {name: %s-viewer}
        rules: [{apiGroups: [''], resources: [configmaps], verbs: [get]}]
        """.formatted(ns));
    OWNER.applyTo(role);
    ChangeSet applied = manager.applyAllStaged(objects(role), OPTIONS);

    ChangeSet pruned = manager.prune(applied.toInventory(), OWNER);

    assertThat(pruned.lines()).containsExactly("ClusterRole/" + ns + "-viewer deleted");
    assertThat(client.rbac().clusterRoles().withName(ns + "-viewer").get()).isNull();
  }

  @Test
  void pruneOfAnObjectWithAFinalizerDeletesItAndLeavesTheFinalizerToItsOwner() {
    KubeObject guarded = configMap("guarded", "a: b");
    OWNER.applyTo(guarded);
    ChangeSet applied = manager.applyAllStaged(objects(namespace(), guarded), OPTIONS);
    client.configMaps().inNamespace(ns).withName("guarded").edit(cm -> {
      cm.getMetadata().setFinalizers(List.of("example.com/hold"));
      return cm;
    });
    List<InventoryEntry> stale = applied.toInventory().stream().filter(e -> e.id().contains("guarded")).toList();

    ChangeSet pruned = manager.prune(stale, OWNER);

    assertThat(pruned.lines()).containsExactly("ConfigMap/" + ns + "/guarded deleted");
    var live = client.configMaps().inNamespace(ns).withName("guarded").get();
    assertThat(live.getMetadata().getDeletionTimestamp()).as("terminating until its finalizer is removed").isNotNull();
    client.configMaps().inNamespace(ns).withName("guarded").edit(cm -> {
      cm.getMetadata().setFinalizers(List.of());
      return cm;
    });
  }

  @Test
  void applyingIntoATerminatingNamespaceFailsAtOnceNamingIt() {
    manager.applyAllStaged(objects(namespace(), configMap("guarded", "a: b")), OPTIONS);
    client.configMaps().inNamespace(ns).withName("guarded").edit(cm -> {
      cm.getMetadata().setFinalizers(List.of("example.com/hold"));
      return cm;
    });
    client.namespaces().withName(ns).delete();

    try {
      assertThatThrownBy(() -> manager.applyAllStaged(objects(namespace(), configMap("web", "a: b")),
          new ApplyOptions(false, Duration.ofMinutes(5))))
          .isInstanceOf(ApplyException.class)
          .hasMessage("Namespace/" + ns + " is terminating: nothing can be applied in it until it is deleted");
    } finally {
      client.configMaps().inNamespace(ns).withName("guarded").edit(cm -> {
        cm.getMetadata().setFinalizers(List.of());
        return cm;
      });
    }
  }

  @Test
  void aFirstApplySendsADryRunAndAnApplyPerNewObjectButOneDryRunLessPerStageAndNoGet() {
    List<KubeObject> configMaps = new ArrayList<>();
    for (int i = 0; i < 30; i++) {
      configMaps.add(owned(configMap("cm-" + i, "n: '" + i + "'")));
    }

    List<ApiCall> namespaceOnly = counted(m -> m.applyAllStaged(objects(namespace()), OPTIONS));
    List<ApiCall> calls = counted(m -> m.applyAllStaged(configMaps, OPTIONS));

    assertThat(namespaceOnly).as("a stage of one object is one apply").filteredOn(c -> c.write() || c.dryRun()).hasSize(1);
    assertThat(calls).filteredOn(ApiCall::write).hasSize(30);
    assertThat(calls).filteredOn(ApiCall::dryRun).as("the first create validates itself").hasSize(29);
    assertThat(calls).filteredOn(c -> c.verb().equals("get") && c.requestUri().contains("/configmaps/")).isEmpty();
    assertThat(calls).as("29 dry-runs, 30 applies, a LIST and discovery").hasSizeLessThanOrEqualTo(62);
  }

  @Test
  void aNoOpApplySendsNoWriteAndNoDryRunAndKeepsEditsToFieldsOthersOwn() {
    KubeObject secret = object("apiVersion: v1\nkind: Secret\nmetadata: {name: token, namespace: %s}\nstringData: {token: s3cret}\n"
        .formatted(ns));
    List<KubeObject> objects = objects(namespace(), owned(configMap("web", "mode: fast")), owned(service()),
        owned(deploymentWithLimits()), owned(secret));
    manager.applyAllStaged(objects, OPTIONS);
    client.configMaps().inNamespace(ns).withName("web").edit(cm -> {
      cm.getMetadata().setAnnotations(java.util.Map.of("example.com/note", "added by hand"));
      return cm;
    });

    List<ApiCall> calls = counted(m -> assertThat(m.applyAllStaged(objects, OPTIONS).hasChanges()).isFalse());

    assertThat(calls).filteredOn(c -> c.write() || c.dryRun()).isEmpty();
    assertThat(calls).as("a LIST per kind and discovery").hasSizeLessThanOrEqualTo(10);
    assertThat(client.configMaps().inNamespace(ns).withName("web").get().getMetadata().getAnnotations())
        .containsEntry("example.com/note", "added by hand");
  }

  @Test
  void aHandEditToAManagedFieldIsCorrectedWithOneDryRunAndOneApply() {
    List<KubeObject> objects = objects(namespace(), owned(configMap("web", "mode: fast")), owned(configMap("db", "mode: fast")));
    manager.applyAllStaged(objects, OPTIONS);
    client.configMaps().inNamespace(ns).withName("web").edit(cm -> {
      cm.getData().put("mode", "edited");
      return cm;
    });

    List<ApiCall> calls = counted(m -> assertThat(m.applyAllStaged(objects, OPTIONS).lines())
        .contains("ConfigMap/" + ns + "/web configured", "ConfigMap/" + ns + "/db unchanged"));

    assertThat(calls).filteredOn(ApiCall::dryRun).hasSize(1);
    assertThat(calls).filteredOn(ApiCall::write).hasSize(1);
    assertThat(client.configMaps().inNamespace(ns).withName("web").get().getData()).containsEntry("mode", "fast");
  }

  @Test
  void detectOnlyReportsDriftByFieldAndWritesNothing() {
    manager.applyAllStaged(objects(namespace(), owned(configMap("web", "mode: fast"))), OPTIONS);
    client.configMaps().inNamespace(ns).withName("web").edit(cm -> {
      cm.getData().put("mode", "edited");
      return cm;
    });
    List<KubeObject> objects = objects(namespace(), owned(configMap("web", "mode: fast")), owned(configMap("new", "a: b")));

    List<ChangeSet> result = new ArrayList<>();
    List<ApiCall> calls = counted(m -> result.add(m.applyAllStaged(objects, OPTIONS.detecting())));

    assertThat(result.get(0).lines()).containsExactly("Namespace/" + ns + " unchanged",
        "ConfigMap/" + ns + "/new drifted (not in the cluster)", "ConfigMap/" + ns + "/web drifted (.data.mode)");
    assertThat(result.get(0).hasChanges()).isFalse();
    assertThat(calls).filteredOn(ApiCall::write).isEmpty();
    assertThat(client.configMaps().inNamespace(ns).withName("web").get().getData()).containsEntry("mode", "edited");
    assertThat(client.configMaps().inNamespace(ns).withName("new").get()).isNull();
  }

  /** Runs {@code work} with a manager over a client of its own, and returns the requests it sent. */
  protected List<ApiCall> counted(java.util.function.Consumer<ResourceManager> work) {
    String agent = ApiCalls.newUserAgent("driftless-test");
    try (KubernetesClient counted = connect(agent)) {
      work.accept(new ResourceManager(counted));
      return calls().of(counted, agent);
    }
  }

  protected static KubeObject owned(KubeObject object) {
    OWNER.applyTo(object);
    return object;
  }

  protected KubeObject service() {
    return object("""
        apiVersion: v1
        kind: Service
        metadata: {name: web, namespace: %s}
        spec:
          selector: {app: web}
          ports: [{name: http, port: 80, targetPort: 8080}]
        """.formatted(ns));
  }

  /** Defaulted and normalised by a real server: {@code cpu: 1000m} is stored as {@code 1}. */
  protected KubeObject deploymentWithLimits() {
    return object("""
        apiVersion: apps/v1
        kind: Deployment
        metadata: {name: web, namespace: %s}
        spec:
          replicas: 2
          selector: {matchLabels: {app: web}}
          template:
            metadata: {labels: {app: web}}
            spec:
              containers:
              - name: web
                image: 'nginx:1.27'
                ports: [{containerPort: 8080}]
                resources: {limits: {cpu: 1000m, memory: 1024Mi}, requests: {cpu: '0.5'}}
        """.formatted(ns));
  }

  /** A Deployment with {@code replicas: 1} in Git. */
  protected KubeObject scaled(String name) {
    return object("""
        apiVersion: apps/v1
        kind: Deployment
        metadata: {name: %s, namespace: %s}
        spec:
          replicas: 1
          selector: {matchLabels: {app: %s}}
          template:
            metadata: {labels: {app: %s}}
            spec: {containers: [{name: web, image: 'nginx:1.27'}]}
        """.formatted(name, ns, name, name));
  }

  /** What an autoscaler does (its own field manager) and an edit of the image besides. */
  private void scaleLive(String name, int replicas) {
    patchLive(name, "{\"spec\":{\"replicas\":%d,\"template\":{\"spec\":{\"containers\":[{\"name\":\"web\",\"image\":\"nginx:1.25\"}]}}}}"
        .formatted(replicas));
  }

  private void patchLive(String name, String mergePatch) {
    client.apps().deployments().inNamespace(ns).withName(name).patch(
        new PatchContext.Builder().withPatchType(PatchType.JSON_MERGE).withFieldManager("horizontal-pod-autoscaler").build(),
        mergePatch);
  }

  private Deployment live(String name) {
    return client.apps().deployments().inNamespace(ns).withName(name).get();
  }

  protected KubeObject namespace() {
    return object("apiVersion: v1\nkind: Namespace\nmetadata: {name: %s}\n".formatted(ns));
  }

  protected KubeObject configMap(String name, String data) {
    return object("apiVersion: v1\nkind: ConfigMap\nmetadata: {name: %s, namespace: %s}\ndata: {%s}\n".formatted(name, ns, data));
  }

  protected KubeObject deployment(String app) {
    return object("""
        apiVersion: apps/v1
        kind: Deployment
        metadata: {name: web, namespace: %s}
        spec:
          selector: {matchLabels: {app: %s}}
          template:
            metadata: {labels: {app: %s}}
            spec: {containers: [{name: web, image: 'nginx:1.27'}]}
        """.formatted(ns, app, app));
  }

  protected KubeObject object(String yaml) {
    return new KubeObject(Yaml.readDocuments(ns + ".yaml", yaml).get(0), ns + ".yaml");
  }

  protected static List<KubeObject> objects(KubeObject... objects) {
    return List.of(objects);
  }

  private GenericKubernetesResource configMapLive(String name) {
    return client.genericKubernetesResources("v1", "ConfigMap").inNamespace(ns).withName(name).get();
  }
}
