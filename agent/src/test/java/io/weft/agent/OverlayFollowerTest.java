package io.weft.agent;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.weft.agent.alloc.Endpoint;
import io.weft.agent.cluster.PeerRecord;
import io.weft.agent.cluster.Vtep;
import io.weft.agent.wire.Reach;
import io.weft.agent.wire.WireRecord;
import io.weft.common.net.Ipv4;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class OverlayFollowerTest {

  private static final PeerRecord HOST2 = peer("host2", "m2");
  private static final PeerRecord HOST3 = peer("host3", "m3");
  private static final Endpoint WEB = new Endpoint(Ipv4.parse("10.32.0.5"), "host2", "02:42:0a:20:00:05");

  /** What the kernel was told, each reconcile; whether it changed anything is set by the test. */
  private final List<String> applied = new ArrayList<>();
  private boolean kernelChanges = true;
  private final Queue<Runnable> overlayThread = new ArrayDeque<>();
  private final Set<String> liveMembers = new HashSet<>(Set.of("m2", "m3"));
  private final Set<String> removed = new HashSet<>();
  private Map<String, WireRecord> wiresGiven = Map.of();
  private final OverlayFollower follower = new OverlayFollower((live, wires, endpoints, gone) -> {
    wiresGiven = wires;
    applied.add(live.stream().sorted().toList() + " " + wires.keySet().stream().sorted().toList()
        + " " + endpoints.size() + (gone.isEmpty() ? "" : " -" + gone));
    return kernelChanges;
  }, overlayThread::add, peer -> liveMembers.contains(peer.member()), () -> Set.copyOf(removed));

  private final LogLines logged = LogLines.of(OverlayFollower.class);
  private final List<String> warnings = logged.messages();

  @AfterEach
  void unhook() {
    logged.close();
  }

  private static PeerRecord peer(String name, String member) {
    return new PeerRecord(name, "172.29.0.2", "172.29.0.0/24", new Vtep("02:00:00:00:00:02", 42, 4789),
        "1", "2026-12-06T10:00:00Z", PeerRecord.HEALTHY, member);
  }

  private void runOverlayThread() {
    while (!overlayThread.isEmpty()) {
      overlayThread.remove().run();
    }
  }

  @Test
  void newPeersAndEndpointsReachTheKernelInOneReconcile() {
    follower.peersRead(List.of(HOST2, HOST3));
    follower.endpointsRead(List.of(WEB));
    assertEquals(1, overlayThread.size(), "both reads wait for one reconcile");
    runOverlayThread();
    assertEquals(List.of("[host2, host3] [] 1"), applied);
  }

  @Test
  void readingWhatIsKnownAlreadyAsksNoReconcile() {
    follower.peersRead(List.of(HOST2));
    runOverlayThread();
    follower.peersRead(List.of(HOST2));
    follower.endpointsRead(List.of());
    assertTrue(overlayThread.isEmpty());
  }

  @Test
  void aPeerWhoseMemberLeftIsNoLongerLiveThoughItsEntryIsStillRead() {
    follower.peersRead(List.of(HOST2, HOST3));
    runOverlayThread();
    liveMembers.remove("m3");
    follower.memberLeft();
    runOverlayThread();
    assertEquals(List.of("[host2, host3] [] 0", "[host2] [] 0"), applied);
  }

  @Test
  void wireEntriesAndRemovedHostsReachTheKernelWithThePeers() {
    WireRecord wire = new WireRecord("host3", "172.29.0.13", "key", 6784, true, "wireguard-go", Map.of());
    follower.peersRead(List.of(HOST2));
    follower.wiresRead(Map.of("host3", wire));
    removed.add("host4");
    runOverlayThread();
    follower.wiresRead(Map.of("host3", wire));
    assertTrue(overlayThread.isEmpty(), "the same entries again ask no reconcile");
    assertEquals(List.of("[host2] [host3] 0 -[host4]"), applied);
  }

  @Test
  void aLiveHostsWireEntryLeftByItsAgentBeforeSaysNothingUntilItsNewAgentWritesIt() {
    Map<String, Reach> deadAgentsWord = Map.of("host2", Reach.DOWN);
    WireRecord left = new WireRecord("host3", "172.29.0.13", "key", 6784, true, "wireguard-go",
        deadAgentsWord, Set.of("host2"), "m3-before", 0);
    follower.peersRead(List.of(HOST2, HOST3));
    follower.wiresRead(Map.of("host3", left));
    runOverlayThread();
    assertEquals(Map.of(), wiresGiven.get("host3").heard(), "the old agent's word is not host3's now");
    assertEquals(Set.of(), wiresGiven.get("host3").live());
    follower.wiresRead(Map.of("host3", left.withMember("m3")));
    runOverlayThread();
    assertEquals(deadAgentsWord, wiresGiven.get("host3").heard(), "written by host3's agent now: its word");
  }

  @Test
  void anEntryTheBusBringsReplacesTheMapsWhileItIsTheLaterAndOnlyForAHostTheMapHoldsOrAPeer() {
    WireRecord first = new WireRecord("host3", "172.29.0.13", "key", 6784, true, "wireguard-go",
        Map.of("host2", Reach.UP), Set.of("host2"), "m3", 1000);
    WireRecord cut = first.withHeard(Map.of("host2", Reach.DOWN)).writtenAt(2000);
    follower.peersRead(List.of(HOST2, HOST3));
    follower.wiresRead(Map.of("host3", first));
    runOverlayThread();
    follower.wireSaid(cut); // the map's write of it waits on a partition owner out of reach
    runOverlayThread();
    assertEquals(Map.of("host2", Reach.DOWN), wiresGiven.get("host3").heard(), "the bus's later word");
    follower.wiresRead(Map.of("host3", first));
    runOverlayThread();
    assertEquals(Map.of("host2", Reach.DOWN), wiresGiven.get("host3").heard(), "the map's earlier copy does not undo it");
    WireRecord healed = cut.withHeard(Map.of("host2", Reach.UP)).writtenAt(3000);
    follower.wiresRead(Map.of("host3", healed));
    runOverlayThread();
    assertEquals(Map.of("host2", Reach.UP), wiresGiven.get("host3").heard(), "the map's later word");
    follower.wireSaid(new WireRecord("host9", "172.29.0.19", "k9", 6784, true, "wireguard-go",
        Map.of(), Set.of(), "m9", 5000));
    runOverlayThread();
    assertTrue(!wiresGiven.containsKey("host9"), "a host the map does not hold is not taken from the bus");
  }

  @Test
  void aPeersEntryTheMapLacksIsTakenFromTheBusAndDroppedWhenItIsNoPeer() {
    // host3's entry is not in this host's copy of the map yet (a joiner's copy has holes)
    WireRecord said = new WireRecord("host3", "172.29.0.13", "key", 6784, true, "wireguard-go",
        Map.of("host2", Reach.UP), Set.of("host2"), "m3", 1000);
    follower.wiresRead(Map.of());
    follower.wireSaid(said);
    runOverlayThread();
    assertTrue(!wiresGiven.containsKey("host3"), "not a peer yet: not taken");
    follower.peersRead(List.of(HOST2, HOST3));
    follower.wireSaid(said.writtenAt(2000)); // its next word, a second later
    runOverlayThread();
    assertEquals("172.29.0.13", wiresGiven.get("host3").address(), "a peer: its word counts at once");
    follower.peersRead(List.of(HOST2));
    runOverlayThread();
    assertTrue(!wiresGiven.containsKey("host3"), "gone from the peers, and never in the map: dropped");
  }

  @Test
  void aRecheckBringsTheKernelInLineWithNothingNewAndSaysItHadDrifted() {
    follower.peersRead(List.of(HOST2));
    runOverlayThread();
    follower.recheck();
    runOverlayThread();
    assertEquals(List.of("[host2] [] 0", "[host2] [] 0"), applied);
    assertEquals(1, warnings.size());
    assertTrue(warnings.get(0).contains("drifted"), warnings.get(0));
  }

  @Test
  void aRecheckThatFindsTheKernelInLineSaysNothing() {
    follower.peersRead(List.of(HOST2));
    runOverlayThread();
    kernelChanges = false;
    follower.recheck();
    runOverlayThread();
    assertEquals(List.of(), warnings);
  }

  @Test
  void aReapplyReachesTheKernelAtOnceOnTheCallersThread() {
    follower.peersRead(List.of(HOST2));
    runOverlayThread();
    follower.reapply();
    assertEquals(List.of("[host2] [] 0", "[host2] [] 0"), applied);
    assertTrue(overlayThread.isEmpty());
  }
}
