package io.driftless.functions.lambda;

import io.driftless.functions.RegisteredFleet;
import io.driftless.local.LocalDynamoDbServer;
import io.driftless.record.ClusterRecord;
import io.driftless.record.ReceiverRecord;
import io.driftless.record.StateStore;
import io.driftless.record.dynamo.DynamoStores;
import io.driftless.sandbox.SandboxApiServer;
import io.driftless.trigger.ReceiverHandler;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.api.model.SecretBuilder;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/**
 * A table (DynamoDB Local over HTTP) holding Kustomization {@code flux-system/apps} on cluster
 * {@code prod} (the sandbox API server) and a github Receiver listing it, recorded as the pipeline
 * records one; its token is in Secret {@code flux-system/receiver-token} on the cluster.
 */
public class ReceiverFleet implements QuarkusTestResourceLifecycleManager {
  static final String TABLE = "driftless-receiver-test";
  static final String TOKEN = "lambda-receiver-token";
  static final String DIGEST = ReceiverHandler.digest(TOKEN.getBytes(StandardCharsets.UTF_8), "github", "flux-system");
  static StateStore store;
  private LocalDynamoDbServer dynamo;
  private SandboxApiServer sandbox;

  @Override
  public Map<String, String> start() {
    try {
      Path dir = Files.createTempDirectory("driftless-receiver-test");
      dynamo = LocalDynamoDbServer.start();
      sandbox = SandboxApiServer.start(0);
      sandbox.client().namespaces().resource(new NamespaceBuilder().withNewMetadata().withName("flux-system")
          .endMetadata().build()).create();
      sandbox.client().secrets().inNamespace("flux-system").resource(new SecretBuilder().withNewMetadata()
          .withName("receiver-token").endMetadata().addToStringData("token", TOKEN).build()).create();
      store = DynamoStores.endpoint(TABLE, dynamo.endpoint());
      store.putCluster(new ClusterRecord("prod", sandbox.writeKubeconfig(dir.resolve("kubeconfig")).toString(), null, null));
      store.putKustomization("prod", "flux-system/apps", "fleet", "flux-system/flux-system", """
          apiVersion: kustomize.toolkit.fluxcd.io/v1
          kind: Kustomization
          metadata: {name: apps, namespace: flux-system}
          spec: {interval: 10m, prune: true, sourceRef: {kind: GitRepository, name: flux-system}}
          """);
      store.putReceiver(new ReceiverRecord(DIGEST, "prod", "Receiver/flux-system/github", "fleet",
          "flux-system/flux-system", """
          apiVersion: notification.toolkit.fluxcd.io/v1
          kind: Receiver
          metadata: {name: github, namespace: flux-system}
          spec:
            type: github
            secretRef: {name: receiver-token}
            resources: [{kind: Kustomization, name: apps}]
          """));
      return RegisteredFleet.appConfig(TABLE, dynamo, dir);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @Override
  public void stop() {
    if (store != null) {
      store.close();
    }
    if (sandbox != null) {
      sandbox.close();
    }
    if (dynamo != null) {
      dynamo.close();
    }
  }
}
