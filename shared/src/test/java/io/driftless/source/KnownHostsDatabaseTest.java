package io.driftless.source;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetSocketAddress;
import java.security.KeyPair;
import java.security.PublicKey;
import java.util.List;
import org.apache.sshd.common.config.keys.PublicKeyEntry;
import org.apache.sshd.common.util.security.SecurityUtils;
import org.junit.jupiter.api.Test;

class KnownHostsDatabaseTest {
  private static final InetSocketAddress REMOTE = new InetSocketAddress("127.0.0.1", 22);

  private static PublicKey newKey() throws Exception {
    KeyPair pair = SecurityUtils.getKeyPairGenerator("RSA").generateKeyPair();
    return pair.getPublic();
  }

  @Test
  void port22HostsAreMatchedByPlainNamesAndPatterns() throws Exception {
    PublicKey github = newKey();
    PublicKey other = newKey();
    String line = PublicKeyEntry.toString(github);
    KnownHostsDatabase db =
        KnownHostsDatabase.parse("flux-system/demo", "github.com " + line + "\n*.example.com " + line + "\n");

    assertThat(db.accept("github.com", REMOTE, github, null, null)).isTrue();
    assertThat(db.accept("git.example.com", REMOTE, github, null, null)).isTrue();
    assertThat(db.accept("github.com", REMOTE, other, null, null)).isFalse();
    assertThat(db.refusal()).startsWith("the host key of github.com does not match known_hosts");
    assertThat(db.accept("[github.com]:2222", REMOTE, github, null, null)).isFalse();
    assertThat(db.refusal()).startsWith("[github.com]:2222 has no entry in known_hosts");
    assertThat(db.lookup("github.com", REMOTE, null)).hasSize(1);
    assertThat(db.lookup("gitlab.com", REMOTE, null)).isEqualTo(List.of());
  }
}
