package io.weft.agent.tunnel;

import java.util.List;

/**
 * What a TLS connection to the gateway carries, chosen by ALPN in the handshake (so the one
 * underlay port serves both, and no byte of either stream is spent on telling them apart).
 */
final class TunnelProtocols {

  /** A Hazelcast member connection, spliced to this host's Hazelcast. */
  static final String HAZELCAST = "weft-hz/1";
  /** The gateway writes the underlay addresses of its cluster's members, one a line, and closes. */
  static final String PEERS = "weft-peers/1";
  static final List<String> ALL = List.of(HAZELCAST, PEERS);

  private TunnelProtocols() {}
}
