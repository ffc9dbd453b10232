package io.driftless.source.helm;

import io.driftless.model.helm.HelmObject;
import io.driftless.model.helm.HelmRelease;
import io.driftless.model.helm.HelmRepository;
import io.driftless.model.helm.OCIRepository;
import io.driftless.model.Durations;
import io.driftless.source.HttpFetch;
import io.driftless.source.SourceSnapshot;
import io.driftless.source.oci.OciArtifact;
import io.driftless.source.oci.OciReference;
import io.driftless.source.oci.RegistryClient;
import java.io.IOException;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import javax.net.ssl.SSLContext;

/**
 * Where charts come from, for one run: HelmRepository (HTTP index or OCI), OCIRepository, or a
 * directory in a fetched GitRepository. Within one instance an index, a tag list or a manifest is
 * fetched at most once per source; the {@link ChartCache} (which outlives the run, e.g. in a warm
 * function's temp directory) holds the archives by source and digest. Nothing fetched for one
 * source (object, URL, credentials: its {@link ChartCache#scope}) is served to another. Fields Driftless parses but cannot act
 * on are refused with an error naming them.
 */
public final class ChartSources {
  private static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(60);

  private final ChartCache cache;
  private final OciCharts oci;
  private final OciContents contents;
  private final Map<String, HelmIndex> indexes = new ConcurrentHashMap<>();
  private final Map<TlsKey, HttpFetch> transports = new ConcurrentHashMap<>();
  private final Map<String, RegistryClient> registries = new ConcurrentHashMap<>();

  public ChartSources(ChartCache cache) {
    this.cache = cache;
    this.oci = new OciCharts(cache);
    this.contents = new OciContents(cache, oci);
  }

  /** Checks the signature of the manifest {@code digest} in {@code ref} before its layer is pulled. */
  @FunctionalInterface
  public interface Verifier {
    Verifier NONE = (repo, client, ref, digest) -> { };

    /** Throws a SourceException naming the OCIRepository and why the artifact is not verified. */
    void verify(OCIRepository repo, RegistryClient client, OciReference ref, String digest);
  }

  /**
   * The artifact an OCIRepository selects as a source of files (a Kustomization's): its revision and
   * its layer's files, checked by {@code verifier} before the layer is pulled.
   */
  public OciArtifact fromOciArtifact(OCIRepository repo, RepositoryAuth auth, Verifier verifier) {
    RepositoryAuth a = auth == null ? RepositoryAuth.NONE : auth;
    String scope = ChartCache.scope(repo, repo.spec().url(), a);
    return contents.fetch(repo, scope, registry(repo, scope, a), verifier);
  }

  /** The files of {@code revision}, fetched earlier with the same credentials, if the cache still holds them. */
  public Optional<OciArtifact> cachedOciArtifact(OCIRepository repo, RepositoryAuth auth, String revision) {
    RepositoryAuth a = auth == null ? RepositoryAuth.NONE : auth;
    return contents.cached(repo, ChartCache.scope(repo, repo.spec().url(), a), revision);
  }

  /** {@code chart} at {@code version} (a constraint; empty means {@code *}) from a HelmRepository. */
  public ChartArtifact fromHelmRepository(HelmRepository repo, RepositoryAuth auth, String chart, String version) {
    RepositoryAuth a = auth == null ? RepositoryAuth.NONE : auth;
    refuseProvider(repo, repo.spec().provider());
    HttpFetch http = transport(repo, a, repo.spec().timeout());
    String scope = ChartCache.scope(repo, repo.spec().url(), a);
    if (repo.isOci()) {
      return oci.fromHelmRepository(repo, scope,
          registry(repo, scope, repo.spec().url(), repo.spec().insecureEnabled(), a, http), chart, version);
    }
    HttpChartRepository r = new HttpChartRepository(repo, a, http, cache, scope);
    HelmIndex index = indexes.computeIfAbsent(scope, k -> r.fetchIndex());
    return r.chart(index, chart, version);
  }

  /**
   * The artifact an OCIRepository selects, for a HelmRelease {@code chartRef}, checked by {@code
   * verifier} before its layer is pulled.
   */
  public ChartArtifact fromOciRepository(OCIRepository repo, RepositoryAuth auth, Verifier verifier) {
    RepositoryAuth a = auth == null ? RepositoryAuth.NONE : auth;
    String scope = ChartCache.scope(repo, repo.spec().url(), a);
    return oci.fromOciRepository(repo, scope, registry(repo, scope, a), verifier);
  }

  /** A chart directory at {@code chartPath} in a fetched GitRepository. */
  public ChartArtifact fromGitRepository(HelmObject owner, SourceSnapshot source, String chartPath,
      String reconcileStrategy) {
    return GitCharts.chart(owner, source, chartPath, reconcileStrategy);
  }

  /** The chart a generated ExternalArtifact {@code artifactKey} holds under {@code root}. */
  public ChartArtifact fromExternalArtifact(String artifactKey, Path root, String digest) {
    return ArtifactCharts.chart(artifactKey, root, digest);
  }

  /** The sha256 revision of a HelmRepository's index, fetched at most once per run. */
  public String indexRevision(HelmRepository repo, RepositoryAuth auth) {
    RepositoryAuth a = auth == null ? RepositoryAuth.NONE : auth;
    String scope = ChartCache.scope(repo, repo.spec().url(), a);
    HttpChartRepository r = new HttpChartRepository(repo, a, transport(repo, a, repo.spec().timeout()), cache, scope);
    return indexes.computeIfAbsent(scope, k -> r.fetchIndex()).revision();
  }

  private HttpFetch transport(HelmObject owner, RepositoryAuth auth, String timeout) {
    Duration t = Durations.parseOr(timeout, DEFAULT_TIMEOUT);
    TlsKey key = new TlsKey(auth.caPem(), auth.certPem(), auth.keyPem(), t);
    return transports.computeIfAbsent(key, k -> new HttpFetch(sslContext(owner, auth), t));
  }

  /** The client an OCIRepository's fetch goes through, its unsupported fields refused first. */
  private RegistryClient registry(OCIRepository repo, String scope, RepositoryAuth auth) {
    refuseUnsupported(repo);
    OCIRepository.Spec s = repo.spec();
    return registry(repo, scope, s.url(), s.insecureEnabled(), auth, transport(repo, auth, s.timeout()));
  }

  /** One client per {@link ChartCache#scope}: a client logged in for one source never serves another. */
  private RegistryClient registry(HelmObject owner, String scope, String url, boolean insecure, RepositoryAuth auth,
      HttpFetch http) {
    OciReference ref;
    try {
      ref = OciReference.parse(url);
    } catch (IllegalArgumentException e) {
      throw ChartSourceException.of(owner, "spec.url " + e.getMessage());
    }
    String key = scope + "|" + insecure + "|" + System.identityHashCode(http);
    return registries.computeIfAbsent(key, k ->
        new RegistryClient(ref.registry(), insecure, auth.username(), auth.password(), http));
  }

  private static SSLContext sslContext(HelmObject owner, RepositoryAuth auth) {
    if (!auth.hasTls()) {
      return null;
    }
    try {
      return TlsContexts.of(auth);
    } catch (GeneralSecurityException | IOException e) {
      throw ChartSourceException.of(owner, "spec.certSecretRef: " + e.getMessage());
    }
  }

  /** The OCIRepository fields Driftless parses but cannot act on yet, each refused by name. */
  public static void refuseUnsupported(OCIRepository repo) {
    OCIRepository.Spec s = repo.spec();
    refuseProvider(repo, s.provider());
    refuseKeyless(repo, s.verify());
    refuseIfSet(repo, "spec.proxySecretRef", s.proxySecretRef());
    refuseIfSet(repo, "spec.serviceAccountName", s.serviceAccountName());
  }

  /**
   * {@code spec.verify} acts with cosign public keys ({@code secretRef}); keyless verification (no
   * secretRef) needs Fulcio's certificate and Rekor's log entry checked against Sigstore's trust
   * root, which Driftless does not carry, so it is refused rather than skipped; so is any provider
   * but cosign.
   */
  private static void refuseKeyless(HelmObject owner, HelmRelease.Verify verify) {
    if (verify == null) {
      return;
    }
    if (!"cosign".equals(verify.provider())) {
      throw ChartSourceException.of(owner, "spec.verify.provider '" + verify.provider()
          + "' is not supported by Driftless yet (cosign is)");
    }
    if (verify.secretRef() == null || verify.secretRef().name() == null || verify.secretRef().name().isBlank()) {
      throw ChartSourceException.of(owner, "spec.verify without secretRef (keyless cosign verification) is not supported"
          + " by Driftless: it needs Sigstore's Fulcio certificate chain and Rekor transparency log, which it does not"
          + " check offline; set spec.verify.secretRef to cosign public keys");
    }
  }

  private static void refuseProvider(HelmObject owner, String provider) {
    if (provider != null && !provider.equals("generic")) {
      throw ChartSourceException.of(owner, "spec.provider '" + provider + "' is not supported by Driftless yet;"
          + " use generic with a secretRef");
    }
  }

  private static void refuseIfSet(HelmObject owner, String field, Object value) {
    if (value != null) {
      throw ChartSourceException.of(owner, field + " is not supported by Driftless yet");
    }
  }

  /** Transports are shared by TLS material and timeout; the key is never printed. */
  private record TlsKey(String ca, String cert, String key, Duration timeout) {
    @Override
    public String toString() {
      return "TlsKey[" + Objects.hash(ca, cert) + "]";
    }
  }
}
