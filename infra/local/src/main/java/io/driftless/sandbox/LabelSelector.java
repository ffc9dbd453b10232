package io.driftless.sandbox;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;
import java.util.stream.Collectors;

/** A Kubernetes label selector ({@code a=b, c!=d, e in (x,y), f notin (z), g, !h}) as a predicate. */
final class LabelSelector implements Predicate<Map<String, String>> {
  private final List<Predicate<Map<String, String>>> requirements;

  private LabelSelector(List<Predicate<Map<String, String>>> requirements) {
    this.requirements = requirements;
  }

  static LabelSelector parse(String selector) {
    List<Predicate<Map<String, String>>> reqs = new ArrayList<>();
    if (selector != null) {
      for (String term : splitTerms(selector)) {
        if (!term.isBlank()) {
          reqs.add(requirement(term.trim()));
        }
      }
    }
    return new LabelSelector(reqs);
  }

  @Override
  public boolean test(Map<String, String> labels) {
    return requirements.stream().allMatch(r -> r.test(labels));
  }

  private static Predicate<Map<String, String>> requirement(String term) {
    String[] words = term.split("\\s+", 2);
    if (words.length == 2 && words[1].startsWith("notin")) {
      Set<String> values = values(words[1].substring(5), term);
      return l -> !values.contains(l.get(words[0]));
    }
    if (words.length == 2 && words[1].startsWith("in")) {
      Set<String> values = values(words[1].substring(2), term);
      return l -> values.contains(l.get(words[0]));
    }
    int ne = term.indexOf("!=");
    if (ne > 0) {
      String key = term.substring(0, ne).trim();
      String value = term.substring(ne + 2).trim();
      return l -> !value.equals(l.get(key));
    }
    int eq = term.indexOf('=');
    if (eq > 0) {
      String key = term.substring(0, eq).trim();
      String value = term.substring(term.startsWith("==", eq) ? eq + 2 : eq + 1).trim();
      return l -> value.equals(l.get(key));
    }
    if (term.startsWith("!")) {
      String key = term.substring(1).trim();
      return l -> !l.containsKey(key);
    }
    return l -> l.containsKey(term);
  }

  private static Set<String> values(String list, String term) {
    String t = list.trim();
    if (!t.startsWith("(") || !t.endsWith(")")) {
      throw ApiError.badRequest("unable to parse requirement: " + term);
    }
    return Arrays.stream(t.substring(1, t.length() - 1).split(","))
        .map(String::trim).filter(s -> !s.isEmpty()).collect(Collectors.toSet());
  }

  private static List<String> splitTerms(String selector) {
    List<String> terms = new ArrayList<>();
    int depth = 0;
    StringBuilder current = new StringBuilder();
    for (char c : selector.toCharArray()) {
      if (c == '(') {
        depth++;
      } else if (c == ')') {
        depth--;
      }
      if (c == ',' && depth == 0) {
        terms.add(current.toString());
        current.setLength(0);
      } else {
        current.append(c);
      }
    }
    terms.add(current.toString());
    return terms;
  }
}
