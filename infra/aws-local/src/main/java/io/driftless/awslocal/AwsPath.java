package io.driftless.awslocal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.driftless.local.LocalDynamoDbServer;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import org.elasticmq.rest.sqs.SQSRestServer;
import org.elasticmq.rest.sqs.SQSRestServerBuilder;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.streams.DynamoDbStreamsClient;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;

/**
 * The AWS path of template.yaml on one machine: DynamoDB Local (the table with its stream and indexes),
 * ElasticMQ as SQS (the work queue with its redrive policy to the dead-letter queue), the webhook and
 * work functions as separate JVMs from the real function.zip, and the stand-ins for what AWS itself
 * runs ({@link FunctionUrl}, {@link StreamPipe}, {@link SqsEventSourceMapping}, {@link RuntimeApi}).
 * The settings the stand-ins follow (the queue's visibility timeout and maxReceiveCount, the event
 * source's batch size, the functions' timeouts and memory, the Pipe's filter) are read from
 * template.yaml; {@link Options} may shorten the visibility timeout and the concurrency for tests.
 */
public final class AwsPath implements AutoCloseable {
  static final String REGION = "us-east-1";
  static final String ACCOUNT = "000000000000";
  static final String TABLE = "driftless";
  private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

  /**
   * @param functionZip functions/lambda/target/function.zip
   * @param template template.yaml
   * @param dir where the unpacked zip, each environment's /tmp and its log go
   * @param webhookPort the Function URL's port (0: any free one)
   * @param workConcurrency the work event source's MaximumConcurrency
   * @param visibilityTimeout the work queue's visibility timeout; null: the template's
   * @param extraEnvironment added to every function's environment (a test's settings)
   */
  public record Options(Path functionZip, Path template, Path dir, int webhookPort, int workConcurrency,
      Duration visibilityTimeout, Map<String, String> extraEnvironment) {}

  private final List<AutoCloseable> parts = new ArrayList<>();
  private final LocalDynamoDbServer dynamo;
  private final String queueUrl;
  private final String deadLettersUrl;
  private final SqsClient sqs;
  private final FunctionPool work;
  private final FunctionUrl webhook;
  private final SqsEventSourceMapping mapping;
  private final int maxReceiveCount;
  private final Path dir;

  private AwsPath(Options o) throws IOException {
    JsonNode resources = YAML.readTree(o.template().toFile()).path("Resources");
    JsonNode queue = resources.path("WorkQueue").path("Properties");
    JsonNode workFunction = resources.path("WorkFunction").path("Properties");
    JsonNode webhookFunction = resources.path("WebhookFunction").path("Properties");
    JsonNode globals = YAML.readTree(o.template().toFile()).path("Globals").path("Function");
    maxReceiveCount = queue.path("RedrivePolicy").path("maxReceiveCount").asInt();
    dir = o.dir();
    int visibility = o.visibilityTimeout() == null ? queue.path("VisibilityTimeout").asInt()
        : Math.toIntExact(o.visibilityTimeout().toSeconds());

    dynamo = LocalDynamoDbServer.start();
    parts.add(dynamo);
    String streamArn = createTable(dynamo.endpoint());

    SQSRestServer elasticMq = SQSRestServerBuilder.withInterface("127.0.0.1").withDynamicPort().withAWSRegion(REGION)
        .withAWSAccountId(ACCOUNT).start();
    parts.add(elasticMq::stopAndWait);
    URI sqsEndpoint = URI.create("http://127.0.0.1:" + elasticMq.waitUntilStarted().localAddress().getPort());
    sqs = SqsClient.builder().endpointOverride(sqsEndpoint).region(Region.of(REGION)).credentialsProvider(LOCAL)
        .httpClientBuilder(UrlConnectionHttpClient.builder()).build();
    parts.add(sqs);
    deadLettersUrl = sqs.createQueue(b -> b.queueName("driftless-work-dead-letters")).queueUrl();
    String deadLettersArn = arn("driftless-work-dead-letters");
    queueUrl = sqs.createQueue(b -> b.queueName("driftless-work").attributes(Map.of(
        QueueAttributeName.VISIBILITY_TIMEOUT, Integer.toString(visibility),
        QueueAttributeName.REDRIVE_POLICY, "{\"deadLetterTargetArn\":\"" + deadLettersArn + "\",\"maxReceiveCount\":\""
            + maxReceiveCount + "\"}"))).queueUrl();

    Path task = unpack(o.functionZip(), Files.createDirectories(o.dir()).resolve("task"));
    Map<String, String> env = new LinkedHashMap<>();
    globals.path("Environment").path("Variables").fields().forEachRemaining(f -> {
      if (f.getValue().isTextual() && !f.getKey().startsWith("HELM_") && !f.getKey().equals("JAVA_TOOL_OPTIONS")) {
        env.put(f.getKey(), f.getValue().asText()); // the per-environment /tmp and Helm homes are FunctionPool's
      }
    });
    env.put("DRIFTLESS_TABLE", TABLE);
    env.put("DRIFTLESS_DYNAMODB_ENDPOINT", dynamo.endpoint().toString());
    env.put("AWS_ENDPOINT_URL_SQS", sqsEndpoint.toString());
    env.put("AWS_REGION", REGION);
    env.put("AWS_ACCESS_KEY_ID", "local");
    env.put("AWS_SECRET_ACCESS_KEY", "local");
    env.putAll(o.extraEnvironment());
    List<Path> runtime = runtimeClient();

    work = new FunctionPool("driftless-work", task, runtime, function(env, globals, workFunction, "work"),
        Duration.ofSeconds(workFunction.path("Timeout").asInt()), o.dir());
    parts.add(work);
    FunctionPool webhookPool = new FunctionPool("driftless-webhook", task, runtime,
        function(env, globals, webhookFunction, "webhook"), Duration.ofSeconds(webhookFunction.path("Timeout").asInt()),
        o.dir());
    parts.add(webhookPool);
    webhook = new FunctionUrl(webhookPool, o.webhookPort());
    parts.add(webhook);

    JsonNode pipe = resources.path("RequestsToWork").path("Properties");
    String pattern = pipe.path("SourceParameters").path("FilterCriteria").path("Filters").path(0).path("Pattern").asText();
    DynamoDbStreamsClient streams = DynamoDbStreamsClient.builder().endpointOverride(dynamo.endpoint())
        .region(Region.of(REGION)).credentialsProvider(LOCAL).httpClientBuilder(UrlConnectionHttpClient.builder()).build();
    parts.add(streams);
    parts.add(new StreamPipe(streams, streamArn, EventPattern.parse(pattern), sqs, queueUrl, REGION));
    JsonNode source = workFunction.path("Events").path("QueuedWork").path("Properties");
    mapping = new SqsEventSourceMapping(sqs, queueUrl, arn("driftless-work"), REGION, work,
        source.path("BatchSize").asInt(10), o.workConcurrency());
    parts.add(mapping);
  }

  /** Starts the path; closing it stops every part and process. */
  public static AwsPath start(Options options) {
    try {
      return new AwsPath(options);
    } catch (IOException | RuntimeException e) {
      throw new IllegalStateException("cannot start the AWS path: " + e.getMessage(), e);
    }
  }

  private static final StaticCredentialsProvider LOCAL =
      StaticCredentialsProvider.create(AwsBasicCredentials.create("local", "local"));

  private static String arn(String queue) {
    return "arn:aws:sqs:" + REGION + ":" + ACCOUNT + ":" + queue;
  }

  /** The table as template.yaml makes it (the store's own definition: keys, indexes, NEW_IMAGE stream); its stream's ARN. */
  private static String createTable(URI endpoint) {
    try (DynamoDbClient client = DynamoDbClient.builder().endpointOverride(endpoint).region(Region.of(REGION))
        .credentialsProvider(LOCAL).httpClientBuilder(UrlConnectionHttpClient.builder()).build()) {
      io.driftless.record.dynamo.DynamoStores.endpoint(TABLE, endpoint).close();
      return client.describeTable(b -> b.tableName(TABLE)).table().latestStreamArn();
    }
  }

  private static Map<String, String> function(Map<String, String> shared, JsonNode globals, JsonNode function,
      String export) {
    Map<String, String> env = new LinkedHashMap<>(shared);
    function.path("Environment").path("Variables").fields().forEachRemaining(f -> env.put(f.getKey(), f.getValue().asText()));
    env.put("QUARKUS_FUNQY_EXPORT", export);
    int memory = function.path("MemorySize").asInt(globals.path("MemorySize").asInt(1024));
    env.put("AWS_LAMBDA_FUNCTION_MEMORY_SIZE", Integer.toString(memory));
    return env;
  }

  /** AWS's Lambda runtime client and what it needs: the jars this class path has them in. */
  private static List<Path> runtimeClient() {
    List<Path> jars = new ArrayList<>();
    for (String type : List.of("com.amazonaws.services.lambda.runtime.api.client.AWSLambda",
        "com.amazonaws.services.lambda.runtime.serialization.PojoSerializer",
        "com.amazonaws.services.lambda.runtime.Context")) {
      try {
        jars.add(Path.of(Class.forName(type).getProtectionDomain().getCodeSource().getLocation().toURI()));
      } catch (ClassNotFoundException | URISyntaxException e) {
        throw new IllegalStateException("the Lambda runtime client is not on the class path: " + type, e);
      }
    }
    return jars;
  }

  /** function.zip unpacked as Lambda unpacks it into /var/task. */
  private static Path unpack(Path zip, Path into) throws IOException {
    if (!Files.isRegularFile(zip)) {
      throw new IllegalStateException(zip + " is missing: build it with ./mvnw -pl functions/lambda -am package -DskipTests");
    }
    try (InputStream in = Files.newInputStream(zip); ZipInputStream entries = new ZipInputStream(in)) {
      for (ZipEntry e; (e = entries.getNextEntry()) != null;) {
        Path target = into.resolve(e.getName()).normalize();
        if (!target.startsWith(into)) {
          throw new IllegalStateException(zip + ": entry " + e.getName() + " is outside the archive");
        }
        if (e.isDirectory()) {
          Files.createDirectories(target);
        } else {
          Files.createDirectories(target.getParent());
          Files.copy(entries, target, StandardCopyOption.REPLACE_EXISTING);
        }
      }
    }
    return into;
  }

  /** Where to send push webhooks (the webhook function's URL). */
  public String webhookUrl() {
    return webhook.url();
  }

  /** Where the table is: DRIFTLESS_DYNAMODB_ENDPOINT for the CLI (with DRIFTLESS_TABLE={@value #TABLE}). */
  public URI dynamoDbEndpoint() {
    return dynamo.endpoint();
  }

  public SqsClient sqs() {
    return sqs;
  }

  public String queueUrl() {
    return queueUrl;
  }

  public String deadLettersUrl() {
    return deadLettersUrl;
  }

  public int maxReceiveCount() {
    return maxReceiveCount;
  }

  /** The work function's processes running an invocation now, by process id, with the request ids each runs (a test kills one). */
  public Map<Long, String> busyWorkProcesses() {
    return work.busy();
  }

  /** The work function's process logs (each line the JVM printed, the {@code [cost]} lines among them). */
  public List<Path> workLogs() throws IOException {
    try (var files = Files.list(dir)) {
      return files.filter(f -> f.getFileName().toString().matches("driftless-work-\\d+\\.log")).sorted().toList();
    }
  }

  /** Work invocations so far: the request ids each ran, when, and whether it failed. */
  public List<SqsEventSourceMapping.Invocation> workInvocations() {
    return mapping.invocations();
  }

  /** Work execution environments started so far. */
  public int workColdStarts() {
    return work.coldStarts();
  }

  @Override
  public void close() {
    for (int i = parts.size() - 1; i >= 0; i--) {
      try {
        parts.get(i).close();
      } catch (Exception e) {
        // the rest still stop
      }
    }
  }

  /** {@code aws-path.sh}: starts the path and keeps it until interrupted. */
  public static void main(String[] args) throws Exception {
    Map<String, String> a = new LinkedHashMap<>();
    for (int i = 0; i + 1 < args.length; i += 2) {
      a.put(args[i], args[i + 1]);
    }
    Path root = Path.of(a.getOrDefault("--repo", ".")).toAbsolutePath().normalize();
    Options options = new Options(root.resolve("functions/lambda/target/function.zip"), root.resolve("template.yaml"),
        Path.of(a.getOrDefault("--dir", root.resolve(".driftless/aws-path").toString())).toAbsolutePath(),
        Integer.parseInt(a.getOrDefault("--port", "9000")), Integer.parseInt(a.getOrDefault("--work-concurrency", "8")),
        a.containsKey("--visibility-timeout") ? Duration.ofSeconds(Long.parseLong(a.get("--visibility-timeout"))) : null,
        Map.of());
    AwsPath path = start(options);
    Runtime.getRuntime().addShutdownHook(new Thread(path::close));
    System.out.printf("""
        The AWS path is up (template.yaml's webhook -> table stream -> Pipe -> SQS -> work function):
          webhook (Function URL)   %s
          table                    DRIFTLESS_TABLE=%s DRIFTLESS_DYNAMODB_ENDPOINT=%s
          work queue               %s (dead letters: %s)
          function processes' logs %s
        Register a cluster and a repository against this table, then push:
          export DRIFTLESS_TABLE=%s DRIFTLESS_DYNAMODB_ENDPOINT=%s
          driftless cluster add NAME --kubeconfig FILE
          driftless bootstrap --url URL --branch main --path clusters/NAME --cluster NAME --webhook-secret-file FILE
        and point the Git host's push webhook at the URL above. Ctrl-C stops everything.
        """, path.webhookUrl(), TABLE, path.dynamoDbEndpoint(), path.queueUrl(), path.deadLettersUrl(), options.dir(),
        TABLE, path.dynamoDbEndpoint());
    Thread.currentThread().join();
  }
}
