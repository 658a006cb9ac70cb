package io.weft.agent.command;

import io.weft.agent.alloc.AddressSpace;
import io.weft.agent.host.AttachedContainer;
import io.weft.agent.host.BridgeState;
import io.weft.agent.host.WeftInterfaces;
import io.weft.common.WeftVersion;
import io.weft.common.agent.PluginContract;
import io.weft.common.command.Ps;
import io.weft.common.command.Status;
import io.weft.common.net.Cidr;
import io.weft.common.net.Ipv4;
import io.weft.docker.engine.ContainerInfo;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/** ps and status: what is on weft on this host. */
final class HostReports {

  private final HostContext host;

  HostReports(HostContext host) {
    this.host = host;
  }

  Ps.Reply ps(Ps command) {
    Map<Integer, ContainerInfo> byPid = host.containers().runningByPid();
    List<Ps.Row> rows = new ArrayList<>();
    for (AttachedContainer c : host.kernel().attached()) {
      ContainerInfo info = byPid.get(c.pid());
      rows.add(new Ps.Row(info == null ? null : info.id(), info == null ? null : info.name(),
          c.pid(), c.mac(), c.addresses()));
    }
    rows.addAll(onDockerNetworks(byPid));
    Optional<Ps.Bridge> bridge = host.kernel().bridge().map(b ->
        new Ps.Bridge(WeftInterfaces.BRIDGE, b.mac(), host.kernel().exposedAddresses()));
    return new Ps.Reply(rows, bridge);
  }

  /** Containers Docker put on weft's networks (the network plugin's), one row per network. */
  private List<Ps.Row> onDockerNetworks(Map<Integer, ContainerInfo> byPid) {
    Set<String> networks = host.containers().networksOfDriver(PluginContract.DRIVER);
    List<Ps.Row> rows = new ArrayList<>();
    if (networks.isEmpty()) {
      return rows;
    }
    for (ContainerInfo info : byPid.values()) {
      info.networks().forEach((network, endpoint) -> {
        if (networks.contains(network)) {
          rows.add(new Ps.Row(info.id(), info.name(), info.pid(), endpoint.mac(),
              List.of(new Cidr(Ipv4.parse(endpoint.address()), endpoint.prefixLength())), network));
        }
      });
    }
    rows.sort(java.util.Comparator.comparing(Ps.Row::name).thenComparing(Ps.Row::network));
    return rows;
  }

  Status.Reply status(Status command) {
    Optional<BridgeState> found = host.kernel().bridge();
    Status.Bridge bridge = found.map(b -> new Status.Bridge(WeftInterfaces.BRIDGE, true, b.up(),
            b.mtu(), b.mac(), host.kernel().exposedAddresses()))
        .orElse(Status.Bridge.absent(WeftInterfaces.BRIDGE));
    AddressSpace space = host.book().space();
    return new Status.Reply(host.host(), WeftVersion.get(), host.range().toString(), bridge,
        host.kernel().attachedCount(),
        new Status.Space(space.blocksOwned(), space.blocksTotal(), space.conflicts()),
        host.wire().get().orElse(null));
  }
}
