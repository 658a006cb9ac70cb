package io.weft.agent.wire;

import static org.junit.jupiter.api.Assertions.*;

import io.weft.agent.wireguard.DeviceState;
import io.weft.agent.wireguard.PeerState;
import io.weft.agent.wireguard.WireKey;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class HearingTest {

  private static final WireKey B = WireKey.fromHex("22".repeat(32));
  private static final long MS = 1_000_000L;

  private final Hearing hearing = new Hearing();
  private long rx;
  private long tx;

  private List<WireKey> at(long millis, boolean live) {
    return at(millis, live, live);
  }

  /** @param sendsLive whether the peer says it counts this host live too */
  private List<WireKey> at(long millis, boolean live, boolean sendsLive) {
    DeviceState device = new DeviceState(null, 6784, List.of(new PeerState(B, null, List.of(), 1, rx, tx, 0)));
    return hearing.observe(millis * MS, device, k -> live, k -> sendsLive);
  }

  /** The peer live and heard every 200 ms from 0 until {@code until} ms. */
  private void heardUntil(long until) {
    for (long t = 0; t <= until; t += 200) {
      rx += 32;
      at(t, true);
    }
  }

  @Test
  void aSettledPeerIsDownTwoAndAHalfSecondsAfterItsLastPacket() {
    at(0, true);
    assertEquals(Map.of(), hearing.reaches(), "undecided at first");
    heardUntil(10_200);
    assertEquals(Map.of(B, Reach.UP), hearing.reaches());
    at(11_400, true);
    at(12_600, true);
    assertEquals(Map.of(B, Reach.UP), hearing.reaches(), "a stall of 2.4 s is no cut");
    at(12_800, true);
    assertEquals(Map.of(B, Reach.DOWN), hearing.reaches(), "2.5 s without a packet");
  }

  @Test
  void aPeerIsQuietOnceNothingCameForTheBoundSettledOrNot() {
    at(0, true);
    at(2_000, true);
    assertEquals(List.of(), hearing.quiet(1_000 * MS), "never heard yet: a first handshake may take longer");
    rx += 32;
    at(2_200, true);
    at(3_000, true);
    assertEquals(List.of(), hearing.quiet(1_000 * MS), "0.8 s without a packet");
    at(3_200, true);
    // still settling (it may send every 3 s): named all the same, a cut just after a rejoin is told as soon
    assertEquals(List.of(B), hearing.quiet(1_000 * MS), "1 s without a packet while settling");
    for (long t = 3_400; t <= 10_000; t += 200) {
      rx += 32;
      at(t, true);
    }
    assertEquals(List.of(), hearing.quiet(1_000 * MS));
    at(10_800, true);
    assertEquals(List.of(), hearing.quiet(1_000 * MS), "0.8 s without a packet");
    at(11_000, true);
    assertEquals(List.of(B), hearing.quiet(1_000 * MS), "1 s without a packet");
    assertEquals(Map.of(B, Reach.UP), hearing.reaches(), "quiet, not yet unheard");
    rx += 32;
    at(11_200, true);
    assertEquals(List.of(), hearing.quiet(1_000 * MS), "heard again");
  }

  @Test
  void whileAgentsStartAPeerJustLiveIsGivenTheLongerBound() {
    heardUntil(1_000);
    // it may not count this host live yet: its keepalives come every 3 s, not every 300 ms
    at(3_900, true);
    assertEquals(Map.of(B, Reach.UP), hearing.reaches(), "not down 2.9 s after its last packet while settling");
    rx += 32;
    at(4_000, true);
    heardUntil(20_000);
    at(20_600, false); // its agent restarts
    rx += 32;
    at(21_000, true); // and is back: the same grace again
    at(23_900, true);
    assertEquals(Map.of(B, Reach.UP), hearing.reaches(), "a peer live again is given time too");
  }

  @Test
  void aPeerThisHostCountsLiveButThatDoesNotYetCountThisHostIsGivenTheLongBoundWhileItSaysNot() {
    // this host's new agent counts the peer live; the peer has not yet seen its new entry and sends every 3 s
    for (long t = 0; t <= 30_000; t += 200) {
      if (t % 3000 == 0) {
        rx += 32;
      }
      at(t, true, false);
      assertNotEquals(Reach.DOWN, hearing.reaches().get(B), "a peer keeping its 3 s rate is not cut, at " + t);
    }
    // now it says so, and sends every 300 ms: after the wait, 2.5 s of silence is a cut
    for (long t = 30_200; t <= 34_400; t += 200) {
      rx += 32;
      at(t, true, true);
    }
    at(36_900, true, true);
    assertEquals(Map.of(B, Reach.DOWN), hearing.reaches(), "2.5 s without a packet, once it said so");
  }

  @Test
  void aPeerNeverHeardIsDownAfterTheLongBoundAndUpAgainOnlyAfterHearingItForTwoSeconds() {
    at(0, true);
    at(1000, true);
    assertEquals(Map.of(), hearing.reaches(), "not judged at the short bound while settling");
    at(12_000, true);
    assertEquals(Map.of(B, Reach.DOWN), hearing.reaches());
    for (long t = 12_800; t <= 14_600; t += 200) {
      rx += 32;
      at(t, true);
      assertEquals(Map.of(B, Reach.DOWN), hearing.reaches(), "still down at " + t);
    }
    rx += 32;
    at(14_800, true);
    assertEquals(Map.of(B, Reach.UP), hearing.reaches());
  }

  @Test
  void aSettledPeerNeverHeardIsGivenWireGuardsRetriedHandshakeBeforeItIsDown() {
    // its first handshake initiation was lost: WireGuard tries again 5 s (and some jitter) later
    for (long t = 0; t < 8_000; t += 200) {
      at(t, true);
      assertNotEquals(Reach.DOWN, hearing.reaches().get(B), "judged cut at " + t + " ms, before the retry");
    }
    at(8_000, true);
    assertEquals(Map.of(B, Reach.DOWN), hearing.reaches(), "8 s and never heard");
  }

  @Test
  void aPeerHeardFirstAfterARetriedHandshakeIsUpAtOnce() {
    for (long t = 0; t <= 5_200; t += 200) {
      at(t, true);
    }
    rx += 148; // the handshake's response, 5.3 s in
    at(5_400, true);
    assertEquals(Map.of(B, Reach.UP), hearing.reaches());
  }

  @Test
  void aPeerWithoutAnAgentIsGivenLongerAndKickedSeldom() {
    at(0, false);
    rx += 32;
    at(200, false);
    assertEquals(List.of(), at(2000, false), "no keepalive of ours in its gaps");
    assertEquals(Map.of(B, Reach.UP), hearing.reaches(), "not down after 1.8 s");
    assertEquals(List.of(B), at(3100, false));
    at(12300, false);
    assertEquals(Map.of(B, Reach.DOWN), hearing.reaches());
  }

  @Test
  void aKeepaliveGoesToAPeerWeSentNothingToFor300MillisAndNotTwiceInARow() {
    at(0, true);
    assertEquals(List.of(), at(200, true));
    assertEquals(List.of(B), at(300, true));
    assertEquals(List.of(), at(500, true), "kicked at 300 ms: the next not before 600");
    tx += 32;
    assertEquals(List.of(), at(700, true), "something went out at 700");
    assertEquals(List.of(B), at(1000, true));
  }

  @Test
  void aPeerGoneFromTheDeviceIsForgotten() {
    at(0, true);
    rx += 32;
    at(200, true);
    hearing.observe(400 * MS, DeviceState.empty(), k -> true, k -> true);
    assertEquals(Map.of(), hearing.reaches());
  }
}
