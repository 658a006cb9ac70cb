package io.weft.agent.hazelcast;

import java.io.IOException;
import java.net.ConnectException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.time.Duration;

/**
 * Whether a member whose connection just closed is gone: its host refuses a connection to its
 * member port, so no process listens there (its agent died or stopped; its host is up, since its
 * kernel answered). Hazelcast counts a closed connection and one refused reconnection as faults,
 * and drops the member only after more of its own calls fail to reach it, which at rest took
 * most of a second. A port that answers, or a host that says nothing within the bound, tells
 * nothing here: the heartbeats and the kernel's unacknowledged bound judge those, and a host that
 * no member reaches is told by {@code cluster.CutOffWitness}, which asks the same of every member.
 */
public final class GoneCheck {

  /** The whole check: a refusal comes back within a round trip. */
  public static final Duration BOUND = Duration.ofMillis(500);

  public enum Answer { REFUSED, LISTENING, SILENT }

  private GoneCheck() {}

  public static Answer probe(InetSocketAddress port, Duration bound) {
    try (Socket socket = new Socket()) {
      // closed at once, before any handshake: a live member counts it as a refused connection
      socket.connect(port, (int) bound.toMillis());
      return Answer.LISTENING;
    } catch (ConnectException refused) {
      return Answer.REFUSED;
    } catch (IOException timedOutOrUnreachable) {
      return Answer.SILENT;
    }
  }
}
