package io.driftless.pipeline;

import io.driftless.helm.action.ReleaseUninstall;
import io.driftless.helm.action.ReleaseObjects;
import io.driftless.helm.action.HookRunner;
import io.driftless.apply.ChangeSet;
import io.driftless.apply.ResourceManager;
import io.driftless.helm.release.ReleaseStorage;
import io.driftless.helm.release.SecretReleaseStorage;
import io.driftless.model.helm.HelmRelease;
import io.driftless.model.helm.HelmReleaseStatus;
import io.driftless.record.HelmRecord;
import io.fabric8.kubernetes.client.KubernetesClient;

/**
 * Uninstalls the release of a HelmRelease that left Git (helm.md §2.6) with {@link ReleaseUninstall}:
 * the delete hooks run, its objects (those it applied and still owns, by the inventory) are deleted,
 * then its release Secrets, unless {@code uninstall.keepHistory} keeps them with the newest marked
 * uninstalled. A suspended HelmRelease, or one that never recorded a release, is only forgotten. The
 * release is removed where it was installed: the cluster of {@code spec.kubeConfig}, as
 * {@code spec.serviceAccountName}.
 */
final class HelmUninstaller {
  private final ReconcileContext ctx;

  HelmUninstaller(ReconcileContext ctx) {
    this.ctx = ctx;
  }

  ChangeSet uninstall(HelmRecord rec) {
    HelmRelease hr = (HelmRelease) WorkItems.parse(rec);
    HelmReleaseStatus status = rec.status();
    ChangeSet changes = new ChangeSet();
    if (hr.spec().suspended() || status == null || status.getStorageNamespace() == null || status.latest().isEmpty()) {
      return changes;
    }
    KubernetesClient client = new Targets(ctx).of(rec, hr).apply();
    String name = status.latest().get().name();
    ReleaseStorage storage = new SecretReleaseStorage(client, status.getStorageNamespace(), ctx.clock());
    HookRunner hooks = new HookRunner(client, new ReleaseObjects(client), ctx.clock());
    changes.addAll(new ReleaseUninstall(new ResourceManager(client), hooks, ctx.clock())
        .uninstall(hr, storage, name, status.getInventory()));
    return changes;
  }
}
