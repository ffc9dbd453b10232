package io.driftless.build.kustomize;

import io.driftless.model.ManifestException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

/**
 * {@code java ... KustomizeMain DIR [--root ROOT] [--load-restrictor LoadRestrictionsNone] [--repeat N]}:
 * prints
 * what {@code kubectl kustomize DIR} prints (files are confined to ROOT, default DIR); on error, the message on stderr and exit code 1.
 * {@code --repeat} builds N times in one JVM and reports the median build time on stderr.
 */
public final class KustomizeMain {
  private KustomizeMain() {}

  public static void main(String[] args) {
    KustomizeOptions options = KustomizeOptions.defaults();
    String dir = ".";
    String root = null;
    int repeat = 0;
    for (int i = 0; i < args.length; i++) {
      switch (args[i]) {
        case "--load-restrictor" -> options = options.withLoadRestrictor(
            "LoadRestrictionsNone".equals(args[++i]) ? KustomizeOptions.LoadRestrictor.NONE
                : KustomizeOptions.LoadRestrictor.ROOT_ONLY);
        case "--repeat" -> repeat = Integer.parseInt(args[++i]);
        case "--root" -> root = args[++i];
        default -> dir = args[i];
      }
    }
    Kustomizer k = new Kustomizer(options);
    DiskFileSystem fs = new DiskFileSystem(Path.of(root == null ? dir : root));
    String build = root == null ? "" : Path.of(root).toAbsolutePath().normalize()
        .relativize(Path.of(dir).toAbsolutePath().normalize()).toString();
    try {
      if (repeat > 0) {
        long[] times = new long[repeat];
        for (int i = 0; i < repeat; i++) {
          long t0 = System.nanoTime();
          k.buildYaml(fs, build);
          times[i] = System.nanoTime() - t0;
        }
        java.util.Arrays.sort(times);
        System.err.printf("median %.1f ms over %d warm builds%n", times[repeat / 2] / 1e6, repeat);
        return;
      }
      PrintStream out = new PrintStream(System.out, false, StandardCharsets.UTF_8);
      out.print(k.buildYaml(fs, build));
      out.flush();
    } catch (ManifestException e) {
      System.err.println("Error: " + e.getMessage());
      System.exit(1);
    }
  }
}
