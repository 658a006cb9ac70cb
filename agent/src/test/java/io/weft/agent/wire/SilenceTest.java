package io.weft.agent.wire;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

class SilenceTest {

  private static final long S = 1_000_000_000L;

  private final Silence silence = new Silence();

  @Test
  void aHostWhoseWordKeepsComingIsNeverSilent() {
    for (long t = 0; t <= 20; t++) {
      silence.wordFrom("host2", t * S, S);
      assertEquals(Set.of(), silence.silent(Set.of("host2"), t * S + S / 2), "at " + t + " s");
    }
  }

  @Test
  void aHostIsSilentFourSecondsAfterItsLastWordAndNotOnceItSpeaksAgain() {
    silence.wordFrom("host2", 0, S);
    silence.wordFrom("host3", 0, S);
    assertEquals(Set.of(), silence.silent(Set.of("host2", "host3"), 0));
    silence.wordFrom("host3", 3 * S, S);
    assertEquals(Set.of(), silence.silent(Set.of("host2", "host3"), 3 * S + S / 2), "3.5 s: not yet");
    assertEquals(Set.of("host2"), silence.silent(Set.of("host2", "host3"), 4 * S));
    silence.wordFrom("host2", 5 * S, S);
    assertEquals(Set.of(), silence.silent(Set.of("host2", "host3"), 5 * S));
  }

  @Test
  void aHostJustLiveIsGivenTheWholeWaitWhateverItSaidBefore() {
    silence.wordFrom("host2", 0, S);
    assertEquals(Set.of(), silence.silent(Set.of(), 10 * S), "not live: not judged");
    assertEquals(Set.of(), silence.silent(Set.of("host2"), 20 * S), "its cluster just joined: counted from now");
    assertEquals(Set.of(), silence.silent(Set.of("host2"), 23 * S));
    assertEquals(Set.of("host2"), silence.silent(Set.of("host2"), 24 * S));
    silence.silent(Set.of(), 25 * S); // it left the cluster, and comes back
    assertEquals(Set.of(), silence.silent(Set.of("host2"), 30 * S), "live again: the wait again");
  }

  @Test
  void wordsByNamesOutsideTheClusterAreNotKept() {
    for (int i = 0; i < 10_000; i++) {
      silence.wordFrom("stranger" + i, i, S);
    }
    silence.wordFrom("host2", 0, S);
    assertEquals(Set.of(), silence.silent(Set.of("host2"), S));
    assertEquals(1, silence.remembered(), "host2's word alone");
  }

  @Test
  void aHostNeverHeardFromIsSilentFourSecondsAfterItBecameLive() {
    assertEquals(Set.of(), silence.silent(Set.of("host4"), 100 * S));
    assertEquals(Set.of("host4"), silence.silent(Set.of("host4"), 104 * S));
  }

  @Test
  void aHostAtRestIsSilentOnlyAfterFourOfItsLongerWaits() {
    silence.wordFrom("host2", 0, 10 * S);
    assertEquals(Set.of(), silence.silent(Set.of("host2"), 0));
    assertEquals(Set.of(), silence.silent(Set.of("host2"), 39 * S), "four of its 10 s waits: not yet");
    assertEquals(Set.of("host2"), silence.silent(Set.of("host2"), 40 * S));
  }

  /**
   * A host at rest says its entry every 10 s; then their pair is cut, and its words (every second
   * now) cannot cross. Once the cut heals the pair may be dark for the words: its silence counts
   * four seconds after its last word, not forty.
   */
  @Test
  void aHostNotHeardMeanwhileIsSilentAfterTheQuickWaitWhateverItsLastWordPromised() {
    silence.wordFrom("host2", 0, 10 * S);
    assertEquals(Set.of(), silence.silent(Set.of("host2"), 0));
    assertEquals(Set.of(), silence.silent(Set.of("host2"), 4 * S), "at rest: four of its 10 s waits");
    silence.unheard("host2");
    assertEquals(Set.of("host2"), silence.silent(Set.of("host2"), 4 * S));
    silence.wordFrom("host2", 5 * S, S);
    assertEquals(Set.of(), silence.silent(Set.of("host2"), 6 * S), "a word again");
  }

  /** A word that came before this host saw its sayer live (the bus can be quicker than the membership). */
  @Test
  void aWordFromBeforeTheHostWasLivePromisesNothing() {
    silence.wordFrom("host2", 0, 60 * S);
    assertEquals(Set.of(), silence.silent(Set.of("host2"), 2 * S), "live from now");
    assertEquals(Set.of(), silence.silent(Set.of("host2"), 5 * S));
    assertEquals(Set.of("host2"), silence.silent(Set.of("host2"), 6 * S), "four seconds from then, not four minutes");
  }

  /**
   * After a cut healed: host1 and host3 hear each other again, but each holds the other's entry
   * written during the cut, and their pair, moved to host2, is dark, so the entries that would
   * mend it cannot cross. Each stops counting the silent other's word and goes direct: together.
   */
  @Test
  void twoEndsThatHearEachOtherButHoldEachOthersStaleWordGoDirectBothOnceEachIsSilentToTheOther() {
    WireRecord one = WirePlanTest.host("host1", true, Map.of("host2", Reach.UP, "host3", Reach.UP));
    WireRecord two = WirePlanTest.host("host2", true, Map.of("host1", Reach.UP, "host3", Reach.UP));
    WireRecord three = WirePlanTest.host("host3", true, Map.of("host1", Reach.UP, "host2", Reach.UP));
    WireRecord oneDuringTheCut = one.withHeardOf("host3", Reach.DOWN);
    WireRecord threeDuringTheCut = three.withHeardOf("host1", Reach.DOWN);
    Map<String, WireRecord> onHost1 = Map.of("host1", one, "host2", two, "host3", threeDuringTheCut);
    Map<String, WireRecord> onHost3 = Map.of("host1", oneDuringTheCut, "host2", two, "host3", three);
    assertEquals(Optional.of("host2"), plan("host1", onHost1).relay("host1", "host3"), "the stale word relays it");
    assertEquals(Optional.of("host2"), plan("host3", onHost3).relay("host1", "host3"));

    WirePlan first = plan("host1", Silence.heeding(onHost1, "host1", Set.of("host3")));
    WirePlan third = plan("host3", Silence.heeding(onHost3, "host3", Set.of("host1")));
    assertEquals(Optional.empty(), first.relay("host1", "host3"));
    assertEquals(Optional.empty(), third.relay("host1", "host3"));
    assertEquals(Map.of("host2", Set.of("host2"), "host3", Set.of("host3")), first.carried());
  }

  @Test
  void aSilentHostsWordOnOtherPairsAndAnAbsentEntryAreLeftAsTheyAre() {
    WireRecord three = WirePlanTest.host("host3", true, Map.of("host1", Reach.UP, "host2", Reach.DOWN));
    Map<String, WireRecord> entries = Map.of("host3", three);
    assertEquals(entries, Silence.heeding(entries, "host1", Set.of("host3", "host9")));
  }

  private static WirePlan plan(String self, Map<String, WireRecord> entries) {
    return WirePlan.of(self, List.copyOf(entries.values()));
  }
}
