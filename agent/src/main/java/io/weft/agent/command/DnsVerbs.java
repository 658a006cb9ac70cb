package io.weft.agent.command;

import io.weft.agent.dns.FleetNames;
import io.weft.common.ErrorCode;
import io.weft.common.WeftException;
import io.weft.common.command.DnsAdd;
import io.weft.common.command.DnsArgs;
import io.weft.common.command.DnsLookup;
import io.weft.common.command.DnsRemove;
import io.weft.common.dns.DnsNames;
import io.weft.common.net.Ipv4;
import java.util.List;

/** dns-add, dns-remove, dns-lookup and dns-args: weft's DNS as a user drives it. */
final class DnsVerbs {

  private final HostContext host;

  DnsVerbs(HostContext host) {
    this.host = host;
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

  DnsArgs.Reply args(DnsArgs command) {
    Ipv4 server = names().server().orElseThrow(() -> new WeftException(ErrorCode.AGENT_FAILED,
        "weft's DNS has no address on this host yet (the agent gives the bridge one once the "
            + "host has joined its fleet)"));
    return new DnsArgs.Reply(server.toString(), names().domain());
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
