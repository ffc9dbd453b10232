#!/usr/bin/env bash
# The AWS path of template.yaml on this machine (docs/aws.md): DynamoDB Local with the table's stream,
# ElasticMQ as SQS, the webhook and work functions as separate JVMs from the real function.zip, and the
# stand-ins for what AWS runs (the Function URL, the Pipe, the SQS event source mapping, the Lambda
# Runtime API). Builds function.zip and the launcher first (./mvnw package, tests skipped).
# Usage: infra/local/aws-path.sh [--port 9000] [--work-concurrency 8] [--visibility-timeout SECONDS] [--dir DIR]
set -euo pipefail
home="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
cd "$home"
echo "building function.zip and the AWS path (./mvnw package -DskipTests)…" >&2
# one reactor run: the launcher's class path names this build's own jars, never stale ones from ~/.m2
./mvnw -q -B -DskipTests -Dquarkus.analytics.disabled=true -pl functions/lambda,infra/aws-local -am \
  package dependency:build-classpath -Dmdep.outputFile=target/classpath.txt -Dmdep.includeScope=runtime >&2
exec java -cp "$home/infra/aws-local/target/classes:$(cat "$home/infra/aws-local/target/classpath.txt")" \
  io.driftless.awslocal.AwsPath --repo "$home" "$@"
