package io.driftless.cli;

import io.driftless.sandbox.SandboxApiServer;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(name = "sandbox",
    description = "Run a local stand-in Kubernetes API server on 127.0.0.1 for machines with no cluster, and write its kubeconfig.")
final class SandboxCommand implements Callable<Integer> {
  @Option(names = "--port", defaultValue = "0", description = "Port (default: any free port)") int port;
  @Option(names = "--kubeconfig", defaultValue = ".driftless/sandbox.kubeconfig",
      description = "Where to write the kubeconfig (default: ${DEFAULT-VALUE})") Path kubeconfig;

  @Override
  public Integer call() throws Exception {
    try (SandboxApiServer server = SandboxApiServer.start(port)) {
      Path written = server.writeKubeconfig(kubeconfig.toAbsolutePath());
      System.out.println(SandboxApiServer.BANNER);
      System.out.println("API server: " + server.url());
      System.out.println("kubeconfig: " + written);
      System.out.println("try:        kubectl --kubeconfig " + written + " get ns");
      System.out.println("register:   driftless cluster add sandbox --kubeconfig " + written);
      System.out.println("Ctrl-C to stop.");
      CountDownLatch stop = new CountDownLatch(1);
      Runtime.getRuntime().addShutdownHook(new Thread(stop::countDown));
      stop.await();
    }
    return 0;
  }
}
