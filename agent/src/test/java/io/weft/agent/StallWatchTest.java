package io.weft.agent;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class StallWatchTest {

  private static final long S = 1_000_000_000L;

  private long now = 5 * S;
  private long commandSince = Long.MIN_VALUE;
  private final List<String> halts = new ArrayList<>();
  private final StallWatch watch = new StallWatch(() -> now, halts::add);

  @Test
  void aStartNotReadyWithinItsBoundEndsTheAgentAndAReadyOneIsLeftAlone() {
    now += StallWatch.START_BOUND.toSeconds() * S;
    watch.check();
    assertEquals(List.of(), halts, "at the bound, not past it");
    now += S;
    watch.check();
    assertEquals(1, halts.size());
    assertTrue(halts.get(0).startsWith("not ready"), halts.get(0));

    StallWatch ready = new StallWatch(() -> now, halts::add);
    ready.ready();
    now += 10 * StallWatch.START_BOUND.toSeconds() * S;
    ready.check();
    assertEquals(1, halts.size(), "a ready agent is not timed for its start");
  }

  @Test
  void oneCommandRunningPastItsBoundEndsTheAgentWhileCommandsThatEndDoNot() {
    watch.ready();
    watch.watchCommands(() -> commandSince);
    now += 1000 * S;
    watch.check();
    assertEquals(List.of(), halts, "no command runs");
    commandSince = now;
    now += StallWatch.COMMAND_BOUND.toSeconds() * S - S;
    watch.check();
    assertEquals(List.of(), halts, "a long command, within its bound");
    commandSince = now; // that one ended; the next began
    now += StallWatch.COMMAND_BOUND.toSeconds() * S - S;
    watch.check();
    assertEquals(List.of(), halts);
    now += 2 * S;
    watch.check();
    assertEquals(1, halts.size());
    assertTrue(halts.get(0).contains("one command has run"), halts.get(0));
  }

  @Test
  void aClusterWriteWaitingPastItsBoundEndsTheAgentWhileWritesThatEndDoNot() {
    long[] writeSince = {Long.MIN_VALUE};
    watch.ready();
    watch.watchClusterWrites(() -> writeSince[0]);
    now += 1000 * S;
    watch.check();
    assertEquals(List.of(), halts, "no write under way");
    writeSince[0] = now;
    now += StallWatch.CLUSTER_WRITE_BOUND.toSeconds() * S;
    watch.check();
    assertEquals(List.of(), halts, "at the bound, not past it");
    writeSince[0] = now; // that one was applied; the next began
    now += StallWatch.CLUSTER_WRITE_BOUND.toSeconds() * S + S;
    watch.check();
    assertEquals(1, halts.size());
    assertTrue(halts.get(0).contains("a write to the fleet's maps (addresses, blocks or names) has waited"), halts.get(0));
  }
}
