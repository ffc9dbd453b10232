package io.driftless.functions.lambda;

import io.driftless.helm.render.ChartRenderer;
import io.driftless.helm.render.RenderRequest;
import io.driftless.helm.render.RenderedChart;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.stream.Stream;

/**
 * Renders one chart directory the way the reconcile function does (the work directory under
 * {@code java.io.tmpdir}), prints the manifest and then the native libraries unpacked under the temp
 * directory (helm-java deletes them when the JVM exits): run by {@link HelmOnLambdaFilesystemTest} in a JVM
 * started as Lambda starts one.
 */
public final class RenderInTempOnly {
  private RenderInTempOnly() {}

  public static void main(String[] args) throws IOException {
    Path tmp = Path.of(System.getProperty("java.io.tmpdir"));
    Path work = tmp.resolve("driftless-helm").resolve("render");
    RenderedChart rendered = new ChartRenderer(work)
        .render(new RenderRequest(Path.of(args[0]), "web", "apps", Map.of("greeting", "from lambda"), null));
    System.out.print(rendered.manifest());
    try (Stream<Path> files = Files.walk(tmp)) {
      files.filter(f -> f.toString().endsWith(".so")).forEach(f -> System.out.println("native: " + tmp.relativize(f)));
    }
  }
}
