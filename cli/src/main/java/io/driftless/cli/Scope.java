package io.driftless.cli;

import picocli.CommandLine.Option;

/**
 * Where a command looks, with flux's flags: one namespace ({@code -n}, flux-system unless told) or
 * all of them ({@code -A}), on one cluster ({@code --cluster}) or every registered one.
 */
final class Scope {
  @Option(names = {"-n", "--namespace"}, defaultValue = "flux-system",
      description = "Namespace of the objects (default: ${DEFAULT-VALUE})") String namespace = "flux-system";
  @Option(names = {"-A", "--all-namespaces"}, description = "In every namespace") boolean allNamespaces;
  @Option(names = "--cluster", description = "Only on this cluster") String cluster;

  Scope() {}

  Scope(String namespace, boolean allNamespaces, String cluster) {
    this.namespace = namespace;
    this.allNamespaces = allNamespaces;
    this.cluster = cluster;
  }

  boolean includes(String cluster, String namespace) {
    return (this.cluster == null || this.cluster.equals(cluster)) && (allNamespaces || this.namespace.equals(namespace));
  }

  /** How an empty listing is reported, as flux does. */
  String nothingFound(String kind) {
    return "✗ no " + kind + " objects found" + (allNamespaces ? "" : " in \"" + namespace + "\" namespace")
        + (cluster == null ? "" : " on cluster " + cluster);
  }
}
