package io.weft.agent.hazelcast;

import com.hazelcast.config.AdvancedNetworkConfig;
import com.hazelcast.config.Config;
import com.hazelcast.config.JoinConfig;
import com.hazelcast.config.ServerSocketEndpointConfig;
import com.hazelcast.config.TcpIpConfig;
import com.hazelcast.instance.EndpointQualifier;
import com.hazelcast.spi.MemberAddressProvider;
import java.net.InetSocketAddress;
import java.util.Collection;
import java.util.List;

/**
 * A member's network as weft wants it: bound to and advertising one address (the host's
 * underlay address, no interface scan, no port search; the port it binds may be one the kernel
 * picks, to which the host redirects the advertised one), the member protocol alone there
 * (Hazelcast's advanced network with a member endpoint only: its default port also serves
 * clients), and TCP-IP join to the candidates. {@link #setCandidates} changes the join list
 * while the member runs: Hazelcast reads it afresh at every join and split-brain search.
 */
public final class MemberNetwork {

  /** Socket buffers per connection; weft's messages are small, and a fleet has many peers. */
  private static final int SOCKET_BUFFER_KB = 32;

  private final InetSocketAddress self;
  private final TcpIpConfig tcpIp;

  private MemberNetwork(InetSocketAddress self, TcpIpConfig tcpIp) {
    this.self = self;
    this.tcpIp = tcpIp;
  }

  /**
   * Sets {@code config}'s network up: bound to {@code self}, joining {@code candidates}.
   *
   * @param connectTimeoutSeconds how long a join waits for a candidate that does not answer
   */
  public static MemberNetwork apply(Config config, InetSocketAddress self,
      Collection<InetSocketAddress> candidates, int connectTimeoutSeconds) {
    return apply(config, self, self.getPort(), candidates, connectTimeoutSeconds);
  }

  /**
   * As above, the member listening on {@code bindPort} of {@code self}'s address while it
   * advertises {@code self}: 0 lets the kernel pick the port, to which the host redirects
   * {@code self}'s (see {@code PortRedirects}).
   */
  public static MemberNetwork apply(Config config, InetSocketAddress self, int bindPort,
      Collection<InetSocketAddress> candidates, int connectTimeoutSeconds) {
    AdvancedNetworkConfig advanced = config.getAdvancedNetworkConfig().setEnabled(true);
    advanced.setMemberEndpointConfig(new ServerSocketEndpointConfig()
        .setPort(bindPort).setPortAutoIncrement(false)
        .setSocketRcvBufferSizeKb(SOCKET_BUFFER_KB).setSocketSendBufferSizeKb(SOCKET_BUFFER_KB));
    advanced.getMemberAddressProviderConfig().setEnabled(true)
        .setImplementation(new FixedAddress(new InetSocketAddress(self.getAddress(), bindPort), self));
    JoinConfig join = advanced.getJoin();
    join.getMulticastConfig().setEnabled(false);
    join.getAutoDetectionConfig().setEnabled(false);
    TcpIpConfig tcpIp = join.getTcpIpConfig().setEnabled(true)
        .setConnectionTimeoutSeconds(connectTimeoutSeconds);
    MemberNetwork network = new MemberNetwork(self, tcpIp);
    network.setCandidates(candidates);
    return network;
  }

  /** Hazelcast tries these from its next join or merge search on; this member's own is left out. */
  public void setCandidates(Collection<InetSocketAddress> candidates) {
    List<String> members = candidates.stream().filter(c -> !c.equals(self))
        .map(c -> c.getAddress().getHostAddress() + ":" + c.getPort()).sorted().toList();
    tcpIp.setMembers(members);
  }

  public InetSocketAddress self() {
    return self;
  }

  /** Binds to one address and advertises one: no interface matching, no reverse lookups. */
  private record FixedAddress(InetSocketAddress bind, InetSocketAddress advertised)
      implements MemberAddressProvider {
    @Override
    public InetSocketAddress getBindAddress() {
      return bind;
    }

    @Override
    public InetSocketAddress getBindAddress(EndpointQualifier qualifier) {
      return bind;
    }

    @Override
    public InetSocketAddress getPublicAddress() {
      return advertised;
    }

    @Override
    public InetSocketAddress getPublicAddress(EndpointQualifier qualifier) {
      return advertised;
    }
  }
}
