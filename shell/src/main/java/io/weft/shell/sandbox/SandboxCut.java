package io.weft.shell.sandbox;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * A cut of the sandbox's underlay. Either a split in two sides, the hosts named and the rest:
 * each side's hosts reach each other and the machine but nothing on the other side, as when the
 * link between two racks fails. Or pairs of hosts that cannot reach each other while each still
 * reaches every other host ({@code host1/host3}): two sites whose direct link fails while both
 * still reach a third. Pure: {@link UnderlayCut} puts it into effect.
 *
 * @param named the side named, for a split; empty for pairs
 * @param rest the other side, for a split; empty for pairs
 * @param pairs the pairs cut, for pairs; empty for a split
 */
public record SandboxCut(List<SandboxHost> named, List<SandboxHost> rest, List<Pair> pairs) {

  /** Two hosts that cannot exchange a frame, either way. */
  public record Pair(SandboxHost a, SandboxHost b) {

    boolean is(SandboxHost x, SandboxHost y) {
      return (a.equals(x) && b.equals(y)) || (a.equals(y) && b.equals(x));
    }

    String describe() {
      return a.name() + "/" + b.name();
    }
  }

  public SandboxCut {
    named = List.copyOf(named);
    rest = List.copyOf(rest);
    pairs = List.copyOf(pairs);
  }

  /** A split in two sides. */
  public SandboxCut(List<SandboxHost> named, List<SandboxHost> rest) {
    this(named, rest, List.of());
  }

  /** Pairs of hosts cut from each other alone. */
  public static SandboxCut ofPairs(List<Pair> pairs) {
    return new SandboxCut(List.of(), List.of(), pairs);
  }

  /**
   * The cut that separates the hosts in {@code names} ({@code host2} or {@code host2,host3}) from
   * the other {@code hosts}, or, with a slash, only the pairs named ({@code host1/host3} or
   * {@code host1/host3,host2/host4}). A name given twice counts once. Refuses, in one line, a name
   * that is not one of {@code hosts}, an empty name, a cut that would leave either side empty, and
   * a pair of one host.
   */
  public static SandboxCut parse(String names, List<SandboxHost> hosts) {
    if (hosts.isEmpty()) {
      throw new IllegalArgumentException(Sandbox.NONE_UP);
    }
    if (names.contains("/")) {
      return parsePairs(names, hosts);
    }
    Set<String> wanted = new LinkedHashSet<>();
    for (String name : names.split(",", -1)) {
      if (name.isBlank()) {
        throw new IllegalArgumentException("name the hosts to cut off as NAME[,NAME...] (or pairs "
            + "as NAME/NAME[,NAME/NAME...]), e.g. host2,host3, not '" + names + "'");
      }
      wanted.add(name.strip());
    }
    List<SandboxHost> named = new ArrayList<>();
    for (String name : wanted) {
      named.add(host(name, hosts));
    }
    List<SandboxHost> rest = hosts.stream().filter(h -> !named.contains(h)).toList();
    if (rest.isEmpty()) {
      throw new IllegalArgumentException("cannot cut every host off: name some of "
          + String.join(" ", names(hosts)) + ", and the rest form the other side");
    }
    named.sort(Comparator.comparingInt(SandboxHost::index));
    return new SandboxCut(named, rest);
  }

  private static SandboxCut parsePairs(String text, List<SandboxHost> hosts) {
    List<Pair> pairs = new ArrayList<>();
    for (String pair : text.split(",", -1)) {
      String[] ends = pair.split("/", -1);
      if (ends.length != 2 || ends[0].isBlank() || ends[1].isBlank()) {
        throw new IllegalArgumentException("name the pairs to cut as NAME/NAME[,NAME/NAME...], "
            + "e.g. host1/host3, not '" + text + "'");
      }
      SandboxHost a = host(ends[0].strip(), hosts);
      SandboxHost b = host(ends[1].strip(), hosts);
      if (a.equals(b)) {
        throw new IllegalArgumentException("a pair to cut is two hosts, not " + a.name() + "/" + b.name());
      }
      Pair p = a.index() < b.index() ? new Pair(a, b) : new Pair(b, a);
      if (!pairs.contains(p)) {
        pairs.add(p);
      }
    }
    pairs.sort(Comparator.comparingInt((Pair p) -> p.a().index()).thenComparingInt(p -> p.b().index()));
    return ofPairs(pairs);
  }

  private static SandboxHost host(String name, List<SandboxHost> hosts) {
    return hosts.stream().filter(h -> h.name().equals(name)).findFirst()
        .orElseThrow(() -> new IllegalArgumentException(Sandbox.noSuchHost(name, hosts)));
  }

  /** True when {@code host} is on the named side, or in a pair cut. */
  public boolean isNamed(SandboxHost host) {
    return named.contains(host) || pairs.stream().anyMatch(p -> p.a().equals(host) || p.b().equals(host));
  }

  /** True when traffic between {@code a} and {@code b} is dropped. */
  public boolean separates(SandboxHost a, SandboxHost b) {
    if (!pairs.isEmpty()) {
      return pairs.stream().anyMatch(p -> p.is(a, b));
    }
    return named.contains(a) != named.contains(b);
  }

  /** {@code host2 host3 | host1 host4 host5} for a split, named side first; {@code host1/host3} for pairs. */
  public String describe() {
    if (!pairs.isEmpty()) {
      return String.join(" ", pairs.stream().map(Pair::describe).toList());
    }
    return String.join(" ", names(named)) + " | " + String.join(" ", names(rest));
  }

  static List<String> names(List<SandboxHost> hosts) {
    return hosts.stream().map(SandboxHost::name).toList();
  }
}
