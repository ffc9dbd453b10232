package io.driftless.notify;

import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.util.Optional;
import java.util.Set;

/**
 * Which network addresses a notification may be sent to. Driftless runs next to cloud credentials,
 * so link-local addresses (169.254.0.0/16, fe80::/10, where instance metadata lives), the cloud
 * metadata services at other addresses ({@code fd00:ec2::254}, 100.100.100.200, 168.63.129.16,
 * 192.0.0.192), unspecified, "this network" (0.0.0.0/8), multicast and broadcast addresses are always
 * refused. Private ranges (loopback, RFC 1918, shared 100.64.0.0/10, IPv6 unique-local fc00::/7) are
 * refused unless {@code DRIFTLESS_NOTIFY_ALLOW_PRIVATE_NETWORKS} lets on-premises receivers through.
 * IPv4 addresses embedded in IPv6 (mapped, compatible, NAT64 64:ff9b::/96) are judged as IPv4.
 *
 * <p>Every answer of a name is checked, and {@link Resolver} is the resolution the connection then
 * uses ({@link GuardedDnsResolver}), so a name cannot resolve one way for the check and another for
 * the connection.
 */
public final class AddressPolicy {
  /** Host name resolution, replaceable in tests (a name that rebinds between two lookups). */
  @FunctionalInterface
  public interface Resolver {
    InetAddress[] resolve(String host) throws UnknownHostException;
  }

  private static final Set<String> METADATA = Set.of(
      "fd00:ec2:0:0:0:0:0:254", "100.100.100.200", "168.63.129.16", "192.0.0.192");

  private final boolean allowPrivate;
  private final Resolver resolver;

  private AddressPolicy(boolean allowPrivate, Resolver resolver) {
    this.allowPrivate = allowPrivate;
    this.resolver = resolver;
  }

  /** Public addresses only: the default. */
  public static AddressPolicy publicOnly() {
    return new AddressPolicy(false, InetAddress::getAllByName);
  }

  /** {@code allowPrivate}: private ranges too ({@code DRIFTLESS_NOTIFY_ALLOW_PRIVATE_NETWORKS}). */
  public static AddressPolicy of(boolean allowPrivate) {
    return new AddressPolicy(allowPrivate, InetAddress::getAllByName);
  }

  /** The same policy over another resolver. */
  public AddressPolicy resolvingWith(Resolver other) {
    return new AddressPolicy(allowPrivate, other);
  }

  boolean allowsPrivate() {
    return allowPrivate;
  }

  /** Thrown when a host resolves to an address the policy refuses. */
  static final class RefusedAddressException extends UnknownHostException {
    RefusedAddressException(String message) {
      super(message);
    }
  }

  /** Every address of {@code host}, each checked; refused when any one is not allowed. */
  InetAddress[] resolve(String host) throws UnknownHostException {
    String bare = host.startsWith("[") && host.endsWith("]") ? host.substring(1, host.length() - 1) : host;
    InetAddress[] all = resolver.resolve(bare);
    for (InetAddress a : all) {
      Optional<String> why = refusal(a);
      if (why.isPresent()) {
        throw new RefusedAddressException(host + " resolves to " + a.getHostAddress() + ", " + why.get());
      }
    }
    return all;
  }

  /**
   * Refuses {@code url}'s host, as the field {@code field} names it, before anything is sent; a
   * name that does not resolve is left to the connection to report.
   */
  void check(String field, String url) throws DeliveryException {
    if (url == null || url.isBlank()) {
      return;
    }
    String host;
    try {
      host = URI.create(url.trim()).getHost();
    } catch (IllegalArgumentException e) {
      return; // the sender says "not a URL"
    }
    if (host == null || ServiceAddress.of(url).isPresent()) {
      return; // an in-cluster address is reached through the cluster's API server, not resolved here
    }
    try {
      resolve(host);
    } catch (RefusedAddressException e) {
      throw new DeliveryException(field + ": " + e.getMessage());
    } catch (UnknownHostException e) {
      // reported when the connection resolves it
    }
  }

  /** Why {@code address} may not be reached; empty when it may. */
  Optional<String> refusal(InetAddress address) {
    InetAddress a = embeddedIpv4(address);
    if (METADATA.contains(a.getHostAddress()) ) {
      return Optional.of("a cloud metadata address: refused");
    }
    if (a.isLinkLocalAddress()) {
      return Optional.of("a link-local address (where cloud metadata lives): refused");
    }
    if (a.isAnyLocalAddress() || a.isMulticastAddress() || thisNetworkOrBroadcast(a)) {
      return Optional.of("not a unicast address: refused");
    }
    if (!allowPrivate && isPrivate(a)) {
      return Optional.of("a private or loopback address: refused unless DRIFTLESS_NOTIFY_ALLOW_PRIVATE_NETWORKS is true");
    }
    return Optional.empty();
  }

  private static boolean isPrivate(InetAddress a) {
    byte[] b = a.getAddress();
    if (a.isLoopbackAddress() || a.isSiteLocalAddress()) {
      return true;
    }
    if (a instanceof Inet4Address) {
      return (b[0] & 0xff) == 100 && (b[1] & 0xc0) == 64; // 100.64.0.0/10, shared address space
    }
    return (b[0] & 0xfe) == 0xfc; // fc00::/7, unique local
  }

  private static boolean thisNetworkOrBroadcast(InetAddress a) {
    byte[] b = a.getAddress();
    return a instanceof Inet4Address && (b[0] == 0 || (b[0] & b[1] & b[2] & b[3]) == (byte) 0xff);
  }

  /** The IPv4 address an IPv6 address carries (compatible ::a.b.c.d, NAT64 64:ff9b::/96), else itself. */
  private static InetAddress embeddedIpv4(InetAddress address) {
    if (!(address instanceof Inet6Address v6)) {
      return address;
    }
    byte[] b = v6.getAddress();
    boolean compatible = v6.isIPv4CompatibleAddress() && !v6.isLoopbackAddress() && !v6.isAnyLocalAddress();
    boolean nat64 = b[0] == 0 && b[1] == 0x64 && b[2] == (byte) 0xff && b[3] == (byte) 0x9b
        && allZero(b, 4, 12);
    if (!compatible && !nat64) {
      return address;
    }
    try {
      return InetAddress.getByAddress(new byte[] {b[12], b[13], b[14], b[15]});
    } catch (UnknownHostException e) {
      return address;
    }
  }

  private static boolean allZero(byte[] b, int from, int to) {
    for (int i = from; i < to; i++) {
      if (b[i] != 0) {
        return false;
      }
    }
    return true;
  }
}
