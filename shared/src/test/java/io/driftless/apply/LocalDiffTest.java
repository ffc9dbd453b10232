package io.driftless.apply;

import static org.assertj.core.api.Assertions.assertThat;

import io.driftless.model.Yaml;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** The local comparison, one row per behaviour: what we apply, the live object, our managed fields. */
class LocalDiffTest {

  static Stream<Arguments> rows() {
    return Stream.of(
        Arguments.of("the same", "data: {a: b}", "data: {a: b}", "{f:data: {f:a: {}}}", List.of()),
        Arguments.of("a field edited by hand", "data: {a: b}", "data: {a: x}", "{}", List.of(".data.a")),
        Arguments.of("a field only another manager owns", "data: {a: b}", "data: {a: b, extra: y}",
            "{f:data: {f:a: {}}}", List.of()),
        Arguments.of("a field we own and no longer apply", "data: {a: b}", "data: {a: b, old: y}",
            "{f:data: {f:a: {}, f:old: {}}}", List.of(".data.old")),
        Arguments.of("server defaults in list items", "spec: {ports: [{port: 80, protocol: TCP}]}",
            "spec: {ports: [{port: 80, protocol: TCP, targetPort: 80}]}",
            "{f:spec: {f:ports: {'k:{\"port\":80,\"protocol\":\"TCP\"}': {.: {}, f:port: {}, f:protocol: {}}}}}", List.of()),
        Arguments.of("an item we own and no longer apply", "spec: {ports: [{port: 80, protocol: TCP}]}",
            "spec: {ports: [{port: 80, protocol: TCP}, {port: 81, protocol: TCP}]}",
            "{f:spec: {f:ports: {'k:{\"port\":81,\"protocol\":\"TCP\"}': {.: {}}, 'k:{\"port\":80,\"protocol\":\"TCP\"}': {.: {}}}}}",
            List.of(".spec.ports", ".spec.ports[port=81,protocol=TCP]")),
        Arguments.of("a set member we own and no longer apply", "metadata: {finalizers: [a]}", "metadata: {finalizers: [a, b]}",
            "{f:metadata: {f:finalizers: {'v:\"a\"': {}, 'v:\"b\"': {}}}}", List.of(".metadata.finalizers", ".metadata.finalizers[b]")),
        Arguments.of("quantities equal by amount", "spec: {resources: {limits: {cpu: 1000m, memory: 1Gi}, requests: {cpu: 1}}}",
            "spec: {resources: {limits: {cpu: '1', memory: 1024Mi}, requests: {cpu: '1'}}}", "{}", List.of()),
        Arguments.of("equal-looking strings outside resources", "data: {cpu: 1000m}", "data: {cpu: '1'}", "{}",
            List.of(".data.cpu")),
        Arguments.of("numbers of different types", "spec: {replicas: 2}", "spec: {replicas: 2.0}", "{}", List.of()),
        Arguments.of("a missing map", "spec: {template: {x: 1}}", "spec: {}", "{}", List.of(".spec.template")),
        Arguments.of("a Secret's stringData, stored base64 in data", "kind: Secret\nstringData: {token: s3cret}",
            "kind: Secret\ndata: {token: czNjcmV0}", "{f:stringData: {f:token: {}}}", List.of()),
        Arguments.of("a Secret's value changed by hand", "kind: Secret\nstringData: {token: s3cret}",
            "kind: Secret\ndata: {token: b3RoZXI=}", "{}", List.of(".stringData.token")),
        Arguments.of("status and server metadata", "status: {a: 1}\nmetadata: {uid: x}", "metadata: {uid: y}", "{}", List.of()));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("rows")
  void paths(String behaviour, String desired, String live, String owned, List<String> expected) {
    assertThat(LocalDiff.applied(yaml(desired), yaml(live), yaml(owned))).isEqualTo(expected);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("rows")
  void anObjectLooksLikeItself(String behaviour, String desired, String live, String owned, List<String> expected) {
    assertThat(LocalDiff.between(yaml(live), yaml(live))).isEmpty();
  }

  private static Map<String, Object> yaml(String text) {
    return Yaml.readDocuments("row.yaml", text).get(0);
  }
}
