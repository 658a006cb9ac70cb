package io.weft.common.alloc;

import java.time.Instant;
import java.util.Comparator;
import java.util.UUID;

/**
 * Which fleet a host's address space belongs to: made once, by the host that founded the fleet.
 * When two fleets founded apart meet ({@code weft connect}), the older keeps its address space
 * and the younger's hosts take space from it anew.
 *
 * @param founded when the fleet was founded
 * @param id a random identifier, which breaks a tie
 */
public record FleetId(Instant founded, String id) {

  private static final Comparator<FleetId> AGE =
      Comparator.comparing(FleetId::founded).thenComparing(FleetId::id);

  public static FleetId found() {
    return new FleetId(Instant.now(), UUID.randomUUID().toString());
  }

  public boolean isOlderThan(FleetId other) {
    return AGE.compare(this, other) < 0;
  }

  /** {@code 2026-12-01T13:00:00Z/5c0e8a3e-...}. */
  @Override
  public String toString() {
    return founded + "/" + id;
  }

  public static FleetId parse(String text) {
    int slash = text.indexOf('/');
    return new FleetId(Instant.parse(text.substring(0, slash)), text.substring(slash + 1));
  }
}
