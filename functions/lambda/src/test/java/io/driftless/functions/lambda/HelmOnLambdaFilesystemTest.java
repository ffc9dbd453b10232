package io.driftless.functions.lambda;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Helm renders in a JVM started as Lambda starts one: no {@code HOME}, no {@code HELM_*} or
 * {@code XDG_*} variables, the working directory and {@code user.home} somewhere the function may not
 * write ({@code /var/task}), only {@code java.io.tmpdir} writable. The chart renders, Helm's native
 * library is unpacked under the temp directory, and nothing is written anywhere else.
 */
class HelmOnLambdaFilesystemTest {
  @TempDir Path dir;

  @Test
  void theChartRendersAndNothingIsWrittenOutsideTheTempDirectory() throws Exception {
    Path chart = chart(dir.resolve("chart"));
    Path taskRoot = Files.createDirectories(dir.resolve("var-task"));
    Path tmp = Files.createDirectories(dir.resolve("tmp"));

    Result run = runLikeLambda(taskRoot, tmp, chart);

    assertThat(run.exit()).as("exit code; stderr:%n%s", run.stderr()).isZero();
    assertThat(run.stdout())
        .contains("name: web-greeting")
        .contains("greeting: \"FROM LAMBDA\"");
    assertThat(taskRoot).as("the read-only working directory and user.home").isEmptyDirectory();
    assertThat(run.stdout()).as("Helm's native library, unpacked under the temp directory")
        .containsPattern("native: helm-java[^/]*/helm-linux-amd64.so");
  }

  private record Result(int exit, String stdout, String stderr) {}

  private Result runLikeLambda(Path taskRoot, Path tmp, Path chart) throws IOException, InterruptedException {
    String classPath = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
    List<String> command = new ArrayList<>(List.of(
        Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        "-Djava.io.tmpdir=" + tmp, "-Duser.home=" + taskRoot,
        "-cp", classPath, RenderInTempOnly.class.getName(), chart.toString()));
    ProcessBuilder builder = new ProcessBuilder(command).directory(taskRoot.toFile());
    Map<String, String> env = builder.environment();
    env.keySet().removeIf(name -> name.equals("HOME") || name.startsWith("HELM_") || name.startsWith("XDG_"));
    env.remove("CLASSPATH");
    env.put("AWS_LAMBDA_FUNCTION_NAME", "driftless-reconcile");
    File out = dir.resolve("stdout").toFile();
    File err = dir.resolve("stderr").toFile();
    Process process = builder.redirectOutput(out).redirectError(err).start();
    if (!process.waitFor(120, TimeUnit.SECONDS)) {
      process.destroyForcibly();
      throw new AssertionError("the rendering JVM did not finish within 120 s");
    }
    return new Result(process.exitValue(), Files.readString(out.toPath()), Files.readString(err.toPath()));
  }

  private static Path chart(Path chart) throws IOException {
    Files.createDirectories(chart.resolve("templates"));
    Files.writeString(chart.resolve("Chart.yaml"), "apiVersion: v2\nname: greeting\nversion: 0.1.0\n");
    Files.writeString(chart.resolve("values.yaml"), "greeting: hello\n");
    Files.writeString(chart.resolve("templates/_helpers.tpl"),
        "{{- define \"greeting.name\" -}}{{ .Release.Name }}-{{ .Chart.Name }}{{- end -}}\n");
    Files.writeString(chart.resolve("templates/configmap.yaml"), """
        apiVersion: v1
        kind: ConfigMap
        metadata:
          name: {{ include "greeting.name" . }}
        data:
          greeting: {{ .Values.greeting | upper | quote }}
        """);
    return chart;
  }
}
