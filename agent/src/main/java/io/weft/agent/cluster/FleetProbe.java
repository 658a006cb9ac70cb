package io.weft.agent.cluster;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.NoRouteToHostException;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocket;

/**
 * Before Hazelcast starts, one mutual-TLS exchange with each join candidate's member port, all at
 * once: it warms this JVM's TLS (classes, key agreement, signature checks) so Hazelcast's own
 * first handshakes are quick, and it tells a host launched with another fleet's password that
 * the candidates refuse it. A candidate of this fleet answers Hazelcast's protocol bytes with its
 * own once it has taken this host's certificate; one of another fleet fails the handshake one
 * way or the other ({@link PeerRefusal}). Returns at the first candidate that answers, or when
 * every one has answered, refused or timed out.
 */
final class FleetProbe {

  /** A live host on the underlay answers a connection in well under a millisecond. */
  private static final int CONNECT_TIMEOUT_MS = 1000;
  /** What a member port that took this host's certificate says first (and what is said to it). */
  private static final byte[] MEMBER_PROTOCOL = "HZC".getBytes(StandardCharsets.US_ASCII);

  /** What the candidates said; {@code unreachable}: those whose host answered no connection. */
  record Outcome(List<InetSocketAddress> answered, List<InetSocketAddress> refused,
      List<InetSocketAddress> unreachable, int asked) {
    /** True when some candidate refused this host and none took it. */
    boolean refusedEverywhere() {
      return answered.isEmpty() && !refused.isEmpty();
    }

    /**
     * True when no candidate's host answered a connection at all (no route to it, or no answer
     * within the connect bound): Hazelcast's join would wait on them for nothing. A host that
     * refuses the connection is there, its agent perhaps starting: the join may still find it.
     */
    boolean reachedNone() {
      return asked > 0 && unreachable.size() == asked;
    }
  }

  /** A connection that was never answered: the candidate's host is not there. */
  private static final class Unreachable extends IOException {
    private static final long serialVersionUID = 1L;

    Unreachable(IOException cause) {
      super(cause);
    }
  }

  private FleetProbe() {}

  static Outcome probe(SSLContext tls, Collection<InetSocketAddress> candidates, Duration bound)
      throws InterruptedException {
    List<InetSocketAddress> answered = new ArrayList<>();
    List<InetSocketAddress> refused = new ArrayList<>();
    List<InetSocketAddress> unreachable = new ArrayList<>();
    CountDownLatch done = new CountDownLatch(1);
    CountDownLatch all = new CountDownLatch(candidates.size());
    for (InetSocketAddress candidate : candidates) {
      Thread t = new Thread(() -> {
        try {
          if (answers(tls, candidate, bound)) {
            synchronized (answered) {
              answered.add(candidate);
            }
            done.countDown();
          }
        } catch (Unreachable e) {
          synchronized (answered) {
            unreachable.add(candidate);
          }
        } catch (IOException e) {
          if (PeerRefusal.isForeignCertificate(e)) {
            synchronized (answered) {
              refused.add(candidate);
            }
          }
        } finally {
          all.countDown();
          if (all.getCount() == 0) {
            done.countDown();
          }
        }
      }, "weft-probe");
      t.setDaemon(true);
      t.start();
    }
    if (!candidates.isEmpty()) {
      done.await(bound.toMillis() + CONNECT_TIMEOUT_MS, TimeUnit.MILLISECONDS);
    }
    synchronized (answered) {
      return new Outcome(List.copyOf(answered), List.copyOf(refused), List.copyOf(unreachable),
          candidates.size());
    }
  }

  /** True when {@code candidate} took this host's certificate and spoke Hazelcast back. */
  private static boolean answers(SSLContext tls, InetSocketAddress candidate, Duration bound)
      throws IOException {
    try (SSLSocket socket = (SSLSocket) tls.getSocketFactory().createSocket()) {
      try {
        socket.connect(candidate, (int) Math.min(CONNECT_TIMEOUT_MS, bound.toMillis()));
      } catch (NoRouteToHostException | SocketTimeoutException e) {
        throw new Unreachable(e);
      }
      socket.setSoTimeout((int) bound.toMillis());
      socket.setEnabledProtocols(new String[] {"TLSv1.3"});
      socket.startHandshake();
      socket.getOutputStream().write(MEMBER_PROTOCOL);
      socket.getOutputStream().flush();
      InputStream in = socket.getInputStream();
      byte[] reply = in.readNBytes(MEMBER_PROTOCOL.length);
      return Arrays.equals(reply, MEMBER_PROTOCOL);
    }
  }
}
