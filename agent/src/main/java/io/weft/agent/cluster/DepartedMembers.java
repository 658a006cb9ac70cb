package io.weft.agent.cluster;

import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.Set;

/**
 * The ids of the members that left the cluster lately, the oldest forgotten past {@link #KEPT}. A
 * restarted member comes back with a new id, and so does each member of the side of a split that
 * merges into the other; the other side's members keep theirs, so an id here may name a member
 * that is back (the reader checks the members present). The bound keeps the set from growing with
 * the fleet's history.
 */
final class DepartedMembers {

  /** Far more departures than a peer entry takes to leave the map. */
  static final int KEPT = 256;

  private final Set<String> ids = new LinkedHashSet<>();

  synchronized void add(String member) {
    ids.remove(member);
    ids.add(member);
    if (ids.size() > KEPT) {
      Iterator<String> oldest = ids.iterator();
      oldest.next();
      oldest.remove();
    }
  }

  synchronized boolean contains(String member) {
    return member != null && ids.contains(member);
  }
}
