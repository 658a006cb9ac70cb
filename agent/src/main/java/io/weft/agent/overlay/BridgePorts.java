package io.weft.agent.overlay;

import io.weft.agent.host.WeftInterfaces;
import io.weft.agent.netlink.Link;
import io.weft.agent.netlink.Netlink;
import io.weft.agent.netlink.NetlinkException;
import java.util.OptionalInt;
import java.util.logging.Logger;

/**
 * The veths already on the bridge, given the bridge's MTU when it changed (a fleet now encrypted,
 * a container attached before the agent first ran): a bridge drops without a word a frame larger
 * than the port it leaves by, so every port and every container's end must agree.
 */
final class BridgePorts {

  private static final Logger LOG = Logger.getLogger(BridgePorts.class.getName());

  private BridgePorts() {}

  static void alignMtu(Netlink host, int bridgeIndex, int mtu) {
    for (Link link : host.links().list()) {
      if (link.attrs().masterIndex() != bridgeIndex || link.attrs().mtu() == mtu
          || WeftInterfaces.VXLAN.equals(link.name())) {
        continue;
      }
      try {
        host.links().setMtu(link.name(), mtu);
        OptionalInt pid = WeftInterfaces.pidOfHostEnd(link.name());
        if (pid.isPresent()) {
          try (Netlink container = Netlink.forPid(pid.getAsInt())) {
            container.links().setMtu(WeftInterfaces.CONTAINER_INTERFACE, mtu);
          }
        }
        LOG.info(link.name() + " and its container's end now have MTU " + mtu);
      } catch (NetlinkException | IllegalStateException e) {
        LOG.warning("could not give " + link.name() + " MTU " + mtu + ": " + e.getMessage());
      }
    }
  }
}
