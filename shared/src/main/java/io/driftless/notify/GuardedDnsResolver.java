package io.driftless.notify;

import java.net.InetAddress;
import java.net.UnknownHostException;
import org.apache.hc.client5.http.DnsResolver;

/**
 * The resolution a Provider's connections use: each name resolved once per connection, every answer
 * checked by the {@link AddressPolicy}, and only checked addresses handed to the connection (the
 * proxy's, when there is one). IP literals come through here too.
 */
final class GuardedDnsResolver implements DnsResolver {
  private final AddressPolicy policy;

  GuardedDnsResolver(AddressPolicy policy) {
    this.policy = policy;
  }

  @Override
  public InetAddress[] resolve(String host) throws UnknownHostException {
    return policy.resolve(host);
  }

  @Override
  public String resolveCanonicalHostname(String host) throws UnknownHostException {
    return host; // never used for a connection
  }
}
