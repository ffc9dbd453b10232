package io.driftless.helm.action;

import com.fasterxml.jackson.core.JsonProcessingException;
import io.driftless.model.Yaml;
import io.driftless.model.helm.HelmRelease;
import io.driftless.model.helm.HelmReleaseStatus;
import io.driftless.source.Digests;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Objects;

/**
 * The render settings besides chart and values that make helm-controller upgrade when they change
 * (helm.md §1.9): {@code postRenderers} and {@code commonMetadata} ({@code sha256:} of their JSON, as
 * {@code status.observedPostRenderersDigest} / {@code observedCommonMetadataDigest}), and the chart's
 * {@code valuesFiles}. An unset field has no digest, so releases made before these were supported
 * stay in sync.
 */
public record RenderDigests(String postRenderers, String commonMetadata, String valuesFiles) {
  public static RenderDigests of(HelmRelease hr) {
    return new RenderDigests(postRenderers(hr), commonMetadata(hr), valuesFiles(hr));
  }

  /** The release last made was made with these settings. */
  public boolean unchanged(HelmReleaseStatus status) {
    return Objects.equals(postRenderers, status.getObservedPostRenderersDigest())
        && Objects.equals(commonMetadata, status.getObservedCommonMetadataDigest())
        && Objects.equals(valuesFiles, status.getObservedValuesFilesDigest());
  }

  /** After a release: the settings it was made with. */
  public void record(HelmReleaseStatus status) {
    status.setObservedPostRenderersDigest(postRenderers);
    status.setObservedCommonMetadataDigest(commonMetadata);
    status.setObservedValuesFilesDigest(valuesFiles);
  }

  private static String postRenderers(HelmRelease hr) {
    List<HelmRelease.PostRenderer> p = hr.spec().postRenderers();
    return p == null || p.isEmpty() ? null : digest(p);
  }

  private static String commonMetadata(HelmRelease hr) {
    return hr.spec().commonMetadata() == null ? null : digest(hr.spec().commonMetadata());
  }

  private static String valuesFiles(HelmRelease hr) {
    List<String> files = ValuesFiles.paths(hr);
    return files.isEmpty() ? null
        : digest(List.of(files, Boolean.TRUE.equals(hr.spec().chart().spec().ignoreMissingValuesFiles())));
  }

  private static String digest(Object value) {
    try {
      return Digests.sha256(Yaml.json().writeValueAsString(value).getBytes(StandardCharsets.UTF_8));
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot digest " + value.getClass().getSimpleName(), e);
    }
  }
}
