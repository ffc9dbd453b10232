package io.driftless.cli;

import io.driftless.sandbox.SandboxApiServer;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

@Command(name = "sandbox",
    description = "Run a local stand-in Kubernetes API server on 127.0.0.1 for machines with no cluster, and write its kubeconfig.")
final class SandboxCommand implements Callable<Integer> {
  @Spec CommandSpec spec;
  @Option(names = "--port", defaultValue = "0", description = "Port (default: any free port)") int port;
  @Option(names = "--kubeconfig", defaultValue = ".driftless/sandbox.kubeconfig",
      description = "Where to write the kubeconfig (default: ${DEFAULT-VALUE})") Path kubeconfig;

  @Override
  public Integer call() throws Exception {
    try (SandboxApiServer server = SandboxApiServer.start(port)) {
      Path written = server.writeKubeconfig(kubeconfig.toAbsolutePath());
      PrintWriter out = spec.commandLine().getOut();
      out.println(SandboxApiServer.BANNER);
      out.println("API server: " + server.url());
      out.println("kubeconfig: " + written);
      out.println("try:        kubectl --kubeconfig " + written + " get ns");
      out.println("register:   driftless cluster add sandbox --kubeconfig " + written);
      out.println("Ctrl-C to stop.");
      CountDownLatch stop = new CountDownLatch(1);
      Runtime.getRuntime().addShutdownHook(new Thread(stop::countDown));
      stop.await();
    }
    return 0;
  }
}
