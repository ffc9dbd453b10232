package io.driftless.functions.lambda;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

/**
 * The built {@code target/function.zip} (this test runs in the {@code verify} phase, after the
 * Quarkus build) carries Helm's native library for every architecture template.yaml deploys, on
 * the runtime that library needs (java21: glibc 2.34), with Helm's paths and the temp directory
 * under /tmp, and unpacks within Lambda's deployment package quota. Only the verify-phase execution
 * sets {@code driftless.function-zip}: a {@code -Dtest=...} run in the test phase, before the zip
 * exists, shows it skipped.
 */
@EnabledIfSystemProperty(named = "driftless.function-zip", matches = ".+")
class FunctionZipTest {
  private static final Path ZIP = Path.of(System.getProperty("driftless.function-zip", "target/function.zip"));
  private static final Path TEMPLATE = Path.of("../../template.yaml");

  @Test
  void theZipCarriesHelmsNativeLibraryForEveryArchitectureTheTemplateDeploys() throws IOException {
    assertThat(ZIP).as("built by the package phase").isRegularFile();
    List<String> libraries = nativeLibraries();

    for (JsonNode architecture : globals().path("Architectures")) {
      String library = switch (architecture.asText()) {
        case "x86_64" -> "helm-linux-amd64.so";
        case "arm64" -> "helm-linux-arm64.so";
        default -> throw new AssertionError("template.yaml: unknown architecture " + architecture.asText());
      };
      assertThat(libraries).as("native libraries in %s", ZIP).contains(library);
    }
  }

  @Test
  void theTemplateRunsJava21WithHelmsPathsAndTheTempDirectoryUnderTmp() throws IOException {
    JsonNode function = globals();
    JsonNode env = function.path("Environment").path("Variables");

    assertThat(function.path("Runtime").asText()).isEqualTo("java21");
    for (String name : List.of("HELM_CACHE_HOME", "HELM_CONFIG_HOME", "HELM_DATA_HOME")) {
      assertThat(env.path(name).asText()).as(name).startsWith("/tmp/");
    }
    assertThat(env.path("JAVA_TOOL_OPTIONS").asText()).contains("-Djava.io.tmpdir=/tmp");
  }

  /**
   * Lambda developer guide, "Lambda quotas": a deployment package is at most 250 MB unzipped (layers
   * included; Driftless has none). Over 50 MB zipped it cannot be uploaded directly, only through S3,
   * which is how {@code sam deploy} uploads a {@code CodeUri}.
   */
  @Test
  void theZipUnpacksWithinLambdasDeploymentPackageQuota() throws IOException {
    long unzipped = 0;
    try (ZipFile zip = new ZipFile(ZIP.toFile())) {
      for (ZipEntry entry : Collections.list(zip.entries())) {
        unzipped += entry.getSize();
      }
    }

    assertThat(unzipped).as("%s unzipped, in bytes (Lambda quotas: 250 MB unzipped)", ZIP)
        .isLessThanOrEqualTo(250L * 1024 * 1024);
  }

  private static JsonNode globals() throws IOException {
    return new ObjectMapper(new YAMLFactory()).readTree(TEMPLATE.toFile()).path("Globals").path("Function");
  }

  /** The {@code .so} files inside the jars under {@code lib/} of the zip. */
  private static List<String> nativeLibraries() throws IOException {
    List<String> found = new ArrayList<>();
    Path copy = Files.createTempFile("function-zip-lib", ".jar");
    try (ZipFile zip = new ZipFile(ZIP.toFile())) {
      for (ZipEntry entry : Collections.list(zip.entries())) {
        if (entry.getName().startsWith("lib/") && entry.getName().endsWith(".jar")) {
          try (InputStream in = zip.getInputStream(entry)) {
            Files.copy(in, copy, StandardCopyOption.REPLACE_EXISTING);
          }
          try (ZipFile jar = new ZipFile(copy.toFile())) {
            Collections.list(jar.entries()).stream().map(ZipEntry::getName)
                .filter(name -> name.startsWith("helm-") && name.endsWith(".so")).forEach(found::add);
          }
        }
      }
    } finally {
      Files.deleteIfExists(copy);
    }
    return found;
  }
}
