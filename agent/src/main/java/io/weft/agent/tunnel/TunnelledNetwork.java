package io.weft.agent.tunnel;

import com.hazelcast.config.AdvancedNetworkConfig;
import com.hazelcast.config.Config;
import com.hazelcast.config.JoinConfig;
import com.hazelcast.config.ServerSocketEndpointConfig;
import com.hazelcast.config.TcpIpConfig;
import java.net.Inet4Address;
import java.net.InetSocketAddress;
import java.util.Collection;
import java.util.List;

/**
 * Hazelcast's network as the tunnel wants it: the member binds to and advertises this host's
 * loopback alias, and speaks the member protocol alone there (Hazelcast's advanced network with
 * a member endpoint only: its default port also serves clients, which would let any local
 * process read every map); the TCP-IP join list holds the candidates' aliases, and {@link
 * #setCandidates} changes it while the member runs (Hazelcast reads it afresh at every join
 * and split-brain search).
 */
public final class TunnelledNetwork {

  private static final int JOIN_CONNECT_TIMEOUT_SECONDS = 2;

  private final LoopbackMapping mapping;
  private final Inet4Address self;
  private final TcpIpConfig tcpIp;

  private TunnelledNetwork(LoopbackMapping mapping, Inet4Address self, TcpIpConfig tcpIp) {
    this.mapping = mapping;
    this.self = self;
    this.tcpIp = tcpIp;
  }

  /** Sets {@code config}'s network up for the tunnel, joining {@code candidates}. */
  public static TunnelledNetwork apply(Config config, LoopbackMapping mapping, Inet4Address self,
      Collection<Inet4Address> candidates) {
    InetSocketAddress alias = mapping.loopbackOf(self);
    AdvancedNetworkConfig advanced = config.getAdvancedNetworkConfig().setEnabled(true);
    advanced.setMemberEndpointConfig(new ServerSocketEndpointConfig()
        .setPort(alias.getPort()).setPortAutoIncrement(false));
    advanced.getMemberAddressProviderConfig().setEnabled(true)
        .setImplementation(new LoopbackAddressProvider(alias));
    JoinConfig join = advanced.getJoin();
    join.getMulticastConfig().setEnabled(false);
    join.getAutoDetectionConfig().setEnabled(false);
    TcpIpConfig tcpIp = join.getTcpIpConfig().setEnabled(true)
        .setConnectionTimeoutSeconds(JOIN_CONNECT_TIMEOUT_SECONDS);
    TunnelledNetwork network = new TunnelledNetwork(mapping, self, tcpIp);
    network.setCandidates(candidates);
    return network;
  }

  /** Hazelcast tries these hosts (by their aliases) from its next join or merge search on. */
  void setCandidates(Collection<Inet4Address> candidates) {
    List<String> members = candidates.stream().filter(c -> !c.equals(self))
        .filter(LoopbackMapping::isMappable).map(mapping::memberAddress).sorted().toList();
    tcpIp.setMembers(members);
  }

  LoopbackMapping mapping() {
    return mapping;
  }

  Inet4Address self() {
    return self;
  }
}
