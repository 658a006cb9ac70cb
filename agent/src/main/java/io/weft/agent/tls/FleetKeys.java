package io.weft.agent.tls;

import io.weft.common.agent.FleetPassword;
import io.weft.common.net.Ipv4;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.List;

/**
 * What this agent holds for one run, made from the fleet password once at start: its TLS
 * identity and policy, the fleet's secret Hazelcast cluster name, the fleet CA's fingerprint
 * (public: two hosts with the same fingerprint have the same password and salt), the authority
 * that signs the bridge's clients' certificates ({@code weft credentials}), and the fleet's salt.
 */
public record FleetKeys(FleetTls tls, String clusterName, String fingerprint,
    FleetCertificates clients, FleetSalt salt) {

  /**
   * The keys of a fleet of the first scheme (no salt of its own), derived now at their full
   * cost: tools and tests that need some fleet's keys without a host's state.
   */
  public static FleetKeys derive(FleetPassword password, String host, Ipv4 address) {
    FleetSalt first = FleetSalt.firstScheme();
    return of(KeyDerivation.derive(password, first, DerivationCost.STANDARD), first, host, address);
  }

  /** This host's certificate and the fleet's keys, from a start's resolution of them. */
  public static FleetKeys of(KeyResolution.Resolved resolved, String host, Ipv4 address) {
    return of(resolved.keys(), resolved.salt(), host, address);
  }

  /** The keys of {@code salt}'s fleet from a derivation made already (tests: at a low cost). */
  public static FleetKeys of(KeyDerivation kdf, FleetSalt salt, String host, Ipv4 address) {
    try {
      FleetCertificates fleet = FleetCertificates.derive(kdf, salt);
      AgentIdentity identity = fleet.issue(host, List.of(InetAddress.getByAddress(address.toBytes())));
      return new FleetKeys(new FleetTls(identity), kdf.clusterName(), fleet.fingerprint(),
          FleetCertificates.deriveClients(kdf, salt), salt);
    } catch (UnknownHostException e) {
      throw new IllegalStateException("four bytes are always an address", e);
    } finally {
      kdf.destroy();
    }
  }

  @Override
  public String toString() {
    return "fleet keys (CA " + fingerprint.substring(0, 16) + "..., " + salt + ")";
  }
}
