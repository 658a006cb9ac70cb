package io.weft.agent.tls;

import io.weft.common.agent.FleetPassword;
import io.weft.common.net.Ipv4;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.file.Path;
import java.util.List;

/**
 * What this agent holds for one run, made from the fleet password once at start: its TLS
 * identity and policy, the fleet's secret Hazelcast cluster name, the fleet CA's fingerprint
 * (public: two hosts with the same fingerprint have the same password), and the authority that
 * signs the bridge's clients' certificates ({@code weft credentials}).
 */
public record FleetKeys(FleetTls tls, String clusterName, String fingerprint,
    FleetCertificates clients) {

  /** Derives the fleet's keys (slow: seconds) and issues this host's certificate. */
  public static FleetKeys derive(FleetPassword password, String host, Ipv4 address) {
    return of(KeyDerivation.fromPassword(password.reveal().toCharArray()), host, address);
  }

  /**
   * As {@link #derive(FleetPassword, String, Ipv4)}, with the slow part kept in {@code stateDir}
   * from the first start on ({@link KeyCache}).
   */
  public static FleetKeys derive(FleetPassword password, String host, Ipv4 address, Path stateDir) {
    return of(KeyCache.derive(password, KeyDerivation.ITERATIONS, stateDir), host, address);
  }

  private static FleetKeys of(KeyDerivation kdf, String host, Ipv4 address) {
    try {
      FleetCertificates fleet = FleetCertificates.derive(kdf);
      AgentIdentity identity = fleet.issue(host, List.of(InetAddress.getByAddress(address.toBytes())));
      return new FleetKeys(new FleetTls(identity), kdf.clusterName(), fleet.fingerprint(),
          FleetCertificates.deriveClients(kdf));
    } catch (UnknownHostException e) {
      throw new IllegalStateException("four bytes are always an address", e);
    } finally {
      kdf.destroy();
    }
  }

  @Override
  public String toString() {
    return "fleet keys (CA " + fingerprint.substring(0, 16) + "...)";
  }
}
