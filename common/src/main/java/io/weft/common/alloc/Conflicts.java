package io.weft.common.alloc;

import io.weft.common.net.Ipv4;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Addresses held by more than one holder, found in the fleet's record, and who keeps each. The
 * rule is one and the same on every host: the holder that has held it longest keeps it (ties go
 * to the host, then the container, first in alphabetical order); every other gives it up.
 */
public final class Conflicts {

  /** One address held twice or more: who keeps it and who must give it up. */
  public record Conflict(Ipv4 address, Holding keeper, List<Holding> losers) {}

  private static final Comparator<Holding> PRECEDENCE = Comparator.comparing(Holding::since)
      .thenComparing(Holding::host).thenComparing(Holding::container);

  private Conflicts() {}

  public static List<Conflict> find(Collection<Holding> holdings) {
    Map<Ipv4, List<Holding>> byAddress = new TreeMap<>();
    for (Holding h : holdings) {
      byAddress.computeIfAbsent(h.cidr().address(), a -> new ArrayList<>()).add(h);
    }
    List<Conflict> conflicts = new ArrayList<>();
    byAddress.forEach((address, holders) -> {
      List<Holding> distinct = holders.stream()
          .filter(h -> holders.stream().noneMatch(o -> o != h && sameHolder(o, h) && PRECEDENCE.compare(o, h) < 0))
          .sorted(PRECEDENCE).toList();
      if (distinct.size() > 1) {
        conflicts.add(new Conflict(address, distinct.get(0), distinct.subList(1, distinct.size())));
      }
    });
    return conflicts;
  }

  private static boolean sameHolder(Holding a, Holding b) {
    return a.host().equals(b.host()) && a.container().equals(b.container());
  }
}
