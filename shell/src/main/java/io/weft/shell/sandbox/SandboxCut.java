package io.weft.shell.sandbox;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * A split of the sandbox in two sides: the hosts named, and the rest. Each side's hosts reach
 * each other and the machine but nothing on the other side, as when the link between two racks
 * fails. Pure: {@link UnderlayCut} puts it into effect.
 */
public record SandboxCut(List<SandboxHost> named, List<SandboxHost> rest) {

  public SandboxCut {
    named = List.copyOf(named);
    rest = List.copyOf(rest);
  }

  /**
   * The cut that separates the hosts in {@code names} ({@code host2} or {@code host2,host3}) from
   * the other {@code hosts}. A name given twice counts once. Refuses, in one line, a name that is
   * not one of {@code hosts}, an empty name, and a cut that would leave either side empty.
   */
  public static SandboxCut parse(String names, List<SandboxHost> hosts) {
    if (hosts.isEmpty()) {
      throw new IllegalArgumentException(Sandbox.NONE_UP);
    }
    Set<String> wanted = new LinkedHashSet<>();
    for (String name : names.split(",", -1)) {
      if (name.isBlank()) {
        throw new IllegalArgumentException("name the hosts to cut off as NAME[,NAME...], e.g. "
            + "host2,host3, not '" + names + "'");
      }
      wanted.add(name.strip());
    }
    List<SandboxHost> named = new ArrayList<>();
    for (String name : wanted) {
      named.add(hosts.stream().filter(h -> h.name().equals(name)).findFirst()
          .orElseThrow(() -> new IllegalArgumentException(Sandbox.noSuchHost(name, hosts))));
    }
    List<SandboxHost> rest = hosts.stream().filter(h -> !named.contains(h)).toList();
    if (rest.isEmpty()) {
      throw new IllegalArgumentException("cannot cut every host off: name some of "
          + String.join(" ", names(hosts)) + ", and the rest form the other side");
    }
    named.sort(Comparator.comparingInt(SandboxHost::index));
    return new SandboxCut(named, rest);
  }

  /** True when {@code host} is on the named side. */
  public boolean isNamed(SandboxHost host) {
    return named.contains(host);
  }

  /** True when traffic between {@code a} and {@code b} is dropped. */
  public boolean separates(SandboxHost a, SandboxHost b) {
    return isNamed(a) != isNamed(b);
  }

  /** {@code host2 host3 | host1 host4 host5}: the two sides, named side first. */
  public String describe() {
    return String.join(" ", names(named)) + " | " + String.join(" ", names(rest));
  }

  static List<String> names(List<SandboxHost> hosts) {
    return hosts.stream().map(SandboxHost::name).toList();
  }
}
