package io.driftless.record.dynamo;

import java.nio.file.Path;

/**
 * Opens a store kept in a directory on this machine, for runs without {@code DRIFTLESS_TABLE}. The
 * engine has none of its own: the CLI and the HTTP functions pass one over DynamoDB Local (module
 * driftless-local, see {@link DynamoStores#embedded}); a Lambda has none, so it needs a table.
 */
@FunctionalInterface
public interface EmbeddedStore {
  DynamoStateStore open(Path dataDir);
}
