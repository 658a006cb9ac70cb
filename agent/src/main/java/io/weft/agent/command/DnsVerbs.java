package io.weft.agent.command;

import io.weft.agent.dns.FleetNames;
import io.weft.common.ErrorCode;
import io.weft.common.WeftException;
import io.weft.common.command.DnsAdd;
import io.weft.common.command.DnsArgs;
import io.weft.common.command.DnsLookup;
import io.weft.common.command.DnsRemove;
import io.weft.common.command.Expose;
import io.weft.common.dns.DnsNames;
import io.weft.common.net.Cidr;
import io.weft.common.net.Ipv4;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/** dns-add, dns-remove, dns-lookup and dns-args: weft's DNS as a user drives it. */
final class DnsVerbs {

  /** How long dns-args waits for the server to answer at an address given just now. */
  private static final Duration BIND_BOUND = Duration.ofSeconds(2);

  private final HostContext host;
  private final BridgeVerbs bridge;

  DnsVerbs(HostContext host, BridgeVerbs bridge) {
    this.host = host;
    this.bridge = bridge;
  }

  DnsAdd.Reply add(DnsAdd command) {
    for (Ipv4 address : command.addresses()) {
      if (!host.range().subnet().contains(address)) {
        throw new WeftException(ErrorCode.BAD_CIDR, address + " is outside weft's range "
            + host.range() + ": weft's DNS names only addresses on weft");
      }
    }
    String name = qualified(command.name());
    List<Ipv4> added = names().records().add(name, command.addresses());
    return new DnsAdd.Reply(name, names().records().added(name), added);
  }

  DnsRemove.Reply remove(DnsRemove command) {
    String name = qualified(command.name());
    List<Ipv4> removed = names().records().remove(name, command.addresses());
    if (removed.isEmpty()) {
      throw new WeftException(ErrorCode.NO_SUCH_NAME, "this host added no record of " + name
          + (command.addresses().isEmpty() ? "" : " with " + join(command.addresses()))
          + " (records are removed on the host that added them)");
    }
    return new DnsRemove.Reply(name, removed);
  }

  DnsLookup.Reply lookup(DnsLookup command) {
    if (command.reverse()) {
      List<String> found = names().index().names(Ipv4.parse(command.name()));
      return new DnsLookup.Reply(command.name(), nonEmpty(found, command.name()));
    }
    String name = qualified(command.name());
    List<String> found = names().index().addresses(name).stream().map(Ipv4::toString).sorted().toList();
    return new DnsLookup.Reply(name, nonEmpty(found, name));
  }

  /**
   * Where this host's DNS answers. The first ask gives it an address when the bridge has none
   * (as expose would: a host that has not joined its fleet has no blocks, and says so), and waits
   * a moment for the server to answer there.
   */
  DnsArgs.Reply args(DnsArgs command) {
    FleetNames names = names();
    Optional<Ipv4> server = names.server();
    if (server.isEmpty()) {
      List<Cidr> exposed = host.kernel().exposedAddresses();
      if (exposed.isEmpty()) {
        exposed = bridge.expose(new Expose(List.of())).addresses();
      }
      Ipv4 address = exposed.get(0).address();
      // told only now, with the address on the bridge: the server takes that one, allocating none
      names.want();
      try {
        server = Optional.of(names.awaitServer(BIND_BOUND).orElse(address));
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        server = Optional.of(address);
      }
    }
    return new DnsArgs.Reply(server.get().toString(), names.domain());
  }

  private FleetNames names() {
    if (host.names() == null) {
      throw new WeftException(ErrorCode.AGENT_NOT_RUNNING,
          "weft's DNS needs weft launched on this host (see weft launch)");
    }
    return host.names();
  }

  private String qualified(String name) {
    return DnsNames.qualify(name, names().domain());
  }

  private static List<String> nonEmpty(List<String> found, String asked) {
    if (found.isEmpty()) {
      throw new WeftException(ErrorCode.NO_SUCH_NAME, "weft's DNS has no record of " + asked);
    }
    return found;
  }

  private static String join(List<Ipv4> addresses) {
    return String.join(" ", addresses.stream().map(Ipv4::toString).toList());
  }
}
