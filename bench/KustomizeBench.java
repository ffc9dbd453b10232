import io.driftless.render.kustomize.DiskFileSystem;
import io.driftless.render.kustomize.Kustomizer;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.nio.file.Path;
import java.util.Arrays;

/**
 * Benchmark harness (not a test), compiled and run by kustomize.sh with the CLI classpath.
 * {@code warm DIR WARMUP RUNS}: builds DIR WARMUP times and for at least 5 s, then RUNS times, and prints the median, min and max
 * of the timed builds in ms. {@code heap DIR}: builds DIR once in this fresh JVM and prints the peak used
 * heap, the sum of every heap pool's peak (an upper bound: the pools need not peak at the same moment).
 * Builds exactly as {@code driftless build DIR} does.
 */
public final class KustomizeBench {
  private static final long WARMUP_NANOS = 5_000_000_000L;

  public static void main(String[] args) {
    Path dir = Path.of(args[1]).toAbsolutePath().normalize();
    Kustomizer kustomizer = new Kustomizer();
    DiskFileSystem fs = new DiskFileSystem(dir.getRoot());
    String relative = dir.getRoot().relativize(dir).toString();
    if (args[0].equals("heap")) {
      System.gc();
      ManagementFactory.getMemoryPoolMXBeans().forEach(MemoryPoolMXBean::resetPeakUsage);
      int length = kustomizer.buildYaml(fs, relative).length();
      long peak = ManagementFactory.getMemoryPoolMXBeans().stream()
          .filter(p -> p.getType() == MemoryType.HEAP).mapToLong(p -> p.getPeakUsage().getUsed()).sum();
      System.out.printf("%.0f MB peak used heap (%d chars of output)%n", peak / 1048576.0, length);
      return;
    }
    int warmup = Integer.parseInt(args[2]);
    long[] nanos = new long[Integer.parseInt(args[3])];
    long warmUntil = System.nanoTime() + WARMUP_NANOS;
    for (int i = 0; i < warmup || System.nanoTime() < warmUntil; i++) {
      kustomizer.buildYaml(fs, relative);
    }
    for (int i = 0; i < nanos.length; i++) {
      long start = System.nanoTime();
      kustomizer.buildYaml(fs, relative);
      nanos[i] = System.nanoTime() - start;
    }
    Arrays.sort(nanos);
    System.out.printf("%.2f %.2f %.2f%n", nanos[nanos.length / 2] / 1e6, nanos[0] / 1e6, nanos[nanos.length - 1] / 1e6);
  }
}
