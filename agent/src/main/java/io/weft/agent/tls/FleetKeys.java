package io.weft.agent.tls;

import io.weft.common.agent.FleetPassword;
import io.weft.common.net.Ipv4;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.List;

/**
 * What this agent holds for one run, made from the fleet password once at start: its TLS
 * identity and policy, the fleet's secret Hazelcast cluster name, and the fleet CA's fingerprint
 * (public: two hosts with the same fingerprint have the same password).
 */
public record FleetKeys(FleetTls tls, String clusterName, String fingerprint) {

  /** Derives the fleet's keys (slow: about 0.5 s) and issues this host's certificate. */
  public static FleetKeys derive(FleetPassword password, String host, Ipv4 address) {
    return derive(password, host, address, KeyDerivation.ITERATIONS);
  }

  static FleetKeys derive(FleetPassword password, String host, Ipv4 address, int iterations) {
    KeyDerivation kdf = KeyDerivation.fromPassword(password.reveal().toCharArray(), iterations);
    try {
      FleetCertificates fleet = FleetCertificates.derive(kdf);
      AgentIdentity identity = fleet.issue(host, List.of(InetAddress.getByAddress(address.toBytes())));
      return new FleetKeys(new FleetTls(identity), kdf.clusterName(), fleet.fingerprint());
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
