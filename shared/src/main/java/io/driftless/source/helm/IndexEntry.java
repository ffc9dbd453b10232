package io.driftless.source.helm;

import java.time.Instant;
import java.util.List;

/** One chart version in a repository's {@code index.yaml}: what selection and download need. */
public record IndexEntry(String name, String version, List<String> urls, String digest, Instant created) {}
