package io.weft.agent.tunnel;

import com.hazelcast.instance.EndpointQualifier;
import com.hazelcast.spi.MemberAddressProvider;
import java.net.InetSocketAddress;

/**
 * Binds Hazelcast to this host's loopback alias and advertises the same address: Hazelcast's
 * interface matching skips loopback, so the address is handed over here instead.
 */
public final class LoopbackAddressProvider implements MemberAddressProvider {

  private final InetSocketAddress address;

  public LoopbackAddressProvider(InetSocketAddress address) {
    this.address = address;
  }

  @Override
  public InetSocketAddress getBindAddress() {
    return address;
  }

  @Override
  public InetSocketAddress getBindAddress(EndpointQualifier qualifier) {
    return address;
  }

  @Override
  public InetSocketAddress getPublicAddress() {
    return address;
  }

  @Override
  public InetSocketAddress getPublicAddress(EndpointQualifier qualifier) {
    return address;
  }
}
