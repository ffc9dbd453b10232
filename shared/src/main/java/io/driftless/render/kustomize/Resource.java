package io.driftless.render.kustomize;

import io.driftless.model.KubeObject;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * One object during a build, remembering the names it had before transformers renamed it so that
 * references to the old name can follow ({@code nameReference}).
 */
final class Resource {
  final KubeObject object;
  final List<String[]> history = new ArrayList<>();
  /** The kustomization file and kind of each built-in transformer that ran over this object. */
  final List<String[]> transformations = new ArrayList<>();
  /** The name prefixes and suffixes applied to it, outermost last (kustomize's AddNamePrefix). */
  final List<String> prefixes = new ArrayList<>();
  final List<String> suffixes = new ArrayList<>();
  boolean needsHashSuffix;
  /** ConfigMapGenerator or SecretGenerator for generated objects; null for objects read from files. */
  String generatedBy;
  /** The name of the builtin plugin config that generated it; null for a kustomization's own generators. */
  String generatorName;

  Resource(KubeObject object) {
    this.object = object;
  }

  Map<String, Object> content() {
    return object.content();
  }

  String kind() {
    return object.kind();
  }

  String name() {
    return object.name();
  }

  String namespace() {
    return object.namespace();
  }

  /** Records the current name and namespace before a rename. */
  void rememberName() {
    history.add(new String[] {name(), namespace(), kind()});
  }

  /** True when this object once had {@code kind} and {@code name} together (before a kind change). */
  boolean wasKindAndName(String kind, String name) {
    for (String[] h : history) {
      if (h[2].equals(kind) && h[0].equals(name)) {
        return true;
      }
    }
    return false;
  }

  /** True when this object once had {@code name} (in {@code namespace}, or any when empty). */
  boolean wasNamed(String name) {
    for (String[] h : history) {
      if (h[0].equals(name)) {
        return true;
      }
    }
    return false;
  }

  /**
   * kustomize's PrefixesSuffixesEquals: the prefix lists end alike and so do the suffix lists;
   * with {@code allowEmpty} a side without any prefixes (or suffixes) matches too.
   */
  boolean sameAffixes(Resource other, boolean allowEmpty) {
    return (allowEmpty && (prefixes.isEmpty() || other.prefixes.isEmpty())
            || sameEnding(prefixes, other.prefixes))
        && (allowEmpty && (suffixes.isEmpty() || other.suffixes.isEmpty())
            || sameEnding(suffixes, other.suffixes));
  }

  private static boolean sameEnding(List<String> a, List<String> b) {
    List<String> shortest = a.size() <= b.size() ? a : b;
    List<String> longest = a.size() <= b.size() ? b : a;
    int diff = longest.size() - shortest.size();
    if (shortest.isEmpty()) {
      return diff == 0;
    }
    return longest.subList(diff, longest.size()).equals(shortest);
  }

  String originalName() {
    return history.isEmpty() ? name() : history.get(0)[0];
  }

  String originalNamespace() {
    return history.isEmpty() ? namespace() : history.get(0)[1];
  }

  /** kustomize's id string {@code group_version_kind|namespace|name}, with ~ markers for blanks. */
  String idString() {
    return Gvk.of(object).toString() + "|" + (namespace().isEmpty() ? "~X" : namespace()) + "|"
        + (name().isEmpty() ? "~N" : name());
  }

  /** This object (same content map, names and marks) as read from {@code origin}. */
  Resource withOrigin(String origin) {
    Resource r = new Resource(new KubeObject(object.content(), origin));
    r.history.addAll(history);
    r.transformations.addAll(transformations);
    r.prefixes.addAll(prefixes);
    r.suffixes.addAll(suffixes);
    r.needsHashSuffix = needsHashSuffix;
    r.generatedBy = generatedBy;
    r.generatorName = generatorName;
    return r;
  }

  Resource copy() {
    Resource r = new Resource(object.deepCopy());
    r.history.addAll(history);
    r.prefixes.addAll(prefixes);
    r.suffixes.addAll(suffixes);
    r.needsHashSuffix = needsHashSuffix;
    r.generatedBy = generatedBy;
    r.generatorName = generatorName;
    return r;
  }
}
