package io.driftless.source;

import io.driftless.model.GitRepository;
import io.driftless.model.ObjectId;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.security.GeneralSecurityException;
import java.security.PublicKey;
import java.util.ArrayList;
import java.util.List;
import org.apache.sshd.client.config.hosts.KnownHostEntry;
import org.apache.sshd.common.config.keys.KeyUtils;
import org.apache.sshd.common.config.keys.PublicKeyEntryResolver;
import org.eclipse.jgit.transport.CredentialsProvider;
import org.eclipse.jgit.transport.sshd.ServerKeyDatabase;

/**
 * Host key checking against the {@code known_hosts} text of one source, and nothing else: no
 * {@code ~/.ssh}, no asking, no learning new keys. A host key is accepted only when a non-revoked
 * entry for the host (plain or hashed, {@code [host]:port} for other ports) holds exactly that key.
 * A refusal is remembered so the fetcher can say why the connection failed.
 */
final class KnownHostsDatabase implements ServerKeyDatabase {
  private static final String REVOKED = "revoked";
  private static final int SSH_PORT = 22;
  private final List<KnownHostEntry> entries;
  private volatile String refusal;

  KnownHostsDatabase(List<KnownHostEntry> entries) {
    this.entries = entries;
  }

  static KnownHostsDatabase parse(String source, String knownHosts) {
    try {
      List<KnownHostEntry> parsed =
          KnownHostEntry.readKnownHostEntries(new BufferedReader(new StringReader(knownHosts)));
      return new KnownHostsDatabase(parsed == null ? List.of() : List.copyOf(parsed));
    } catch (IOException | RuntimeException e) {
      throw new SourceException(ObjectId.subject(GitRepository.KIND, source) + ": known_hosts cannot be parsed");
    }
  }

  /** Why the last host key was refused, or null when none was. */
  String refusal() {
    return refusal;
  }

  @Override
  public List<PublicKey> lookup(String connectAddress, InetSocketAddress remoteAddress, Configuration config) {
    List<PublicKey> keys = new ArrayList<>();
    for (KnownHostEntry entry : matching(connectAddress)) {
      if (!REVOKED.equals(entry.getMarker())) {
        PublicKey key = key(entry);
        if (key != null) {
          keys.add(key);
        }
      }
    }
    return keys;
  }

  @Override
  public boolean accept(
      String connectAddress,
      InetSocketAddress remoteAddress,
      PublicKey serverKey,
      Configuration config,
      CredentialsProvider provider) {
    boolean known = false;
    for (KnownHostEntry entry : matching(connectAddress)) {
      PublicKey key = key(entry);
      if (key != null && KeyUtils.compareKeys(key, serverKey)) {
        if (REVOKED.equals(entry.getMarker())) {
          refusal = "the host key of " + connectAddress + " is marked @revoked in known_hosts";
          return false;
        }
        known = known || entry.getMarker() == null;
      }
    }
    if (known) {
      return true;
    }
    refusal =
        (lookup(connectAddress, remoteAddress, config).isEmpty()
                ? connectAddress + " has no entry in known_hosts"
                : "the host key of " + connectAddress + " does not match known_hosts")
            + " (server offered " + KeyUtils.getKeyType(serverKey) + " "
            + KeyUtils.getFingerPrint(serverKey) + ")";
    return false;
  }

  /** JGit names the host {@code host} on port 22 and {@code [host]:port} on others. */
  private List<KnownHostEntry> matching(String connectAddress) {
    String host = connectAddress;
    int port = SSH_PORT;
    int close = connectAddress.indexOf("]:");
    if (connectAddress.startsWith("[") && close > 0) {
      host = connectAddress.substring(1, close);
      port = Integer.parseInt(connectAddress.substring(close + 2));
    }
    List<KnownHostEntry> found = new ArrayList<>();
    for (KnownHostEntry entry : entries) {
      if (entry.isHostMatch(host, port)) {
        found.add(entry);
      }
    }
    return found;
  }

  private static PublicKey key(KnownHostEntry entry) {
    try {
      return entry.getKeyEntry() == null
          ? null
          : entry.getKeyEntry().resolvePublicKey(null, null, PublicKeyEntryResolver.IGNORING);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (GeneralSecurityException e) {
      return null;
    }
  }
}
