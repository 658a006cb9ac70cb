package io.weft.agent.cluster;

import io.weft.agent.hazelcast.GoneCheck;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;
import java.util.logging.Logger;

/**
 * Whether a member this host stopped hearing is cut off from the whole fleet, asked of kernels
 * rather than agents: this host tries a connection to its member port ({@link GoneCheck}), and
 * when nothing answers, asks every other member to try the same ({@link WitnessQuestion}, sent
 * over the member connections). When none of them reaches it, no host can carry its traffic
 * either, and it is suspected at once, rather than after the member connections' unacknowledged
 * bound (8 s, long enough for the wire to move a pair cut apart to a relay). A member whose JVM
 * stalls is not suspected this way: its kernel still answers connections. One that any member
 * still reaches stays: a relay may carry it, and the long bound judges it; so does a member of a
 * fleet of two, where this host's try would be the only word.
 */
public final class CutOffWitness {

  private static final Logger LOG = Logger.getLogger(CutOffWitness.class.getName());
  /** Every witness's own try takes at most {@link GoneCheck#BOUND}; this leaves room for the way. */
  static final Duration ASK_BOUND = Duration.ofMillis(1500);
  /** A member checked is not checked again for this long, nor is a witness's answer tried again. */
  static final Duration AGAIN = Duration.ofSeconds(2);
  /** A witness's answer to several askers at once is one try, reused this long. */
  static final Duration ANSWER_KEPT = Duration.ofMillis(700);
  private static final int MAX_BODY_CHARS = 200;
  /** Questions from other hosts waiting for the answers' thread, at most: past that, refused. */
  public static final int ANSWERS_QUEUED = 64;
  /** The answer about a member this host's cluster does not have. */
  static final String UNKNOWN = "UNKNOWN";

  /** The cluster this host is a member of. */
  public interface Members {
    Optional<InetSocketAddress> memberPort(UUID member);

    boolean suspect(UUID member, String reason);
  }

  /** The other hosts' witnesses, asked one by one. */
  public interface Witnesses {
    /** {@code host}'s answer about {@code member}: a {@link GoneCheck.Answer}'s name, or other words. */
    Future<String> ask(String host, UUID member);

    /**
     * Tells the cluster's master, unless it is this host, that no member reaches {@code member}:
     * a suspicion of a member other than the master waits for the master (three heartbeats),
     * while the master's own removes it at once. Returns without waiting.
     */
    void tellMaster(UUID member);
  }

  /** A try of a member port, bounded. */
  public interface Probe {
    GoneCheck.Answer probe(InetSocketAddress port);
  }

  private record Kept(GoneCheck.Answer answer, long at) {}

  private final Witnesses otherWitnesses;
  private final String self;
  private final Members members;
  private final Probe probe;
  private final ExecutorService checks;
  private final LongSupplier clock;
  private final Map<UUID, Long> checkedAt = new ConcurrentHashMap<>();
  private final Map<UUID, Kept> kept = new ConcurrentHashMap<>();

  /**
   * @param checks where this host's checks run, one at a time (each blocks up to two bounds)
   */
  public CutOffWitness(Witnesses witnesses, String self, Members members, Probe probe, ExecutorService checks,
      LongSupplier clock) {
    this.otherWitnesses = witnesses;
    this.self = self;
    this.members = members;
    this.probe = probe;
    this.checks = checks;
    this.clock = clock;
  }

  /** The probe that tries a real connection, bounded by {@link GoneCheck#BOUND}. */
  public static Probe connecting() {
    return port -> GoneCheck.probe(port, GoneCheck.BOUND);
  }

  /**
   * Checks {@code host}'s member {@code member}, which this host stopped hearing, asking {@code
   * witnesses} (the other hosts whose agents are in this cluster) unless this host reaches it.
   * Returns at once; a member checked lately is not checked again.
   */
  public void consider(String host, UUID member, Set<String> witnesses) {
    long now = clock.getAsLong();
    Long last = checkedAt.get(member);
    if (last != null && now - last < AGAIN.toNanos()) {
      return;
    }
    checkedAt.values().removeIf(at -> now - at >= AGAIN.toNanos());
    checkedAt.put(member, now);
    checks.execute(() -> check(host, member, witnesses));
  }

  void check(String host, UUID member, Set<String> witnesses) {
    Optional<InetSocketAddress> port = members.memberPort(member);
    if (port.isEmpty()) {
      return;
    }
    GoneCheck.Answer here = probe.probe(port.get());
    LOG.fine(() -> "host " + host + " gone quiet: its member port " + here + " from here");
    if (here == GoneCheck.Answer.LISTENING) {
      return;
    }
    List<String> asked = new ArrayList<>();
    List<Future<String>> said = new ArrayList<>();
    for (String w : witnesses) {
      if (!w.equals(self) && !w.equals(host)) {
        asked.add(w);
        said.add(ask(w, member));
      }
    }
    if (said.isEmpty()) {
      return; // this host's word alone: a stream filling the one path can drop a try too; the long bound judges
    }
    long end = clock.getAsLong() + ASK_BOUND.toNanos();
    for (int i = 0; i < said.size(); i++) {
      String answer = answerOf(said.get(i), end - clock.getAsLong());
      String witness = asked.get(i);
      LOG.fine(() -> "host " + host + ": " + witness + " says " + answer);
      if (!"SILENT".equals(answer) && !"REFUSED".equals(answer)) {
        return; // it reaches the member, or could not say: a relay may carry it, the long bound judges
      }
    }
    String reason = "no member reaches its host (this one: " + here + ", asked " + asked + ": none)";
    if (members.suspect(member, reason)) {
      LOG.info("host " + host + " is cut off: " + reason + "; its member is suspected");
      try {
        otherWitnesses.tellMaster(member);
      } catch (RuntimeException cannotTell) {
        LOG.fine(() -> "the master not told of " + host + ": " + cannotTell);
      }
    }
  }

  /**
   * Another host found that no member reaches {@code member}: this one, the master, tries it too
   * (or takes its answer of a moment ago) and, when it does not reach it either, suspects it at
   * once. Returns this host's answer.
   */
  public String foundCutOff(UUID member) {
    String answer = answer(member);
    if (answer.equals(GoneCheck.Answer.SILENT.name()) || answer.equals(GoneCheck.Answer.REFUSED.name())) {
      if (members.suspect(member, "another host found that no member reaches its host; this one: " + answer)) {
        LOG.info("member " + member + " is cut off, as another host found: suspected");
      }
    }
    return answer;
  }

  private Future<String> ask(String witness, UUID member) {
    try {
      return otherWitnesses.ask(witness, member);
    } catch (RuntimeException cannotAsk) {
      return CompletableFuture.failedFuture(cannotAsk);
    }
  }

  /** The answer said, or null when none came within {@code nanos} (one bound for all the witnesses). */
  private static String answerOf(Future<String> said, long nanos) {
    try {
      return said.get(Math.max(0, nanos), TimeUnit.NANOSECONDS);
    } catch (InterruptedException stopping) {
      Thread.currentThread().interrupt();
      return null;
    } catch (Exception noAnswer) {
      LOG.fine(() -> "a witness did not answer: " + noAnswer);
      return null;
    }
  }

  /**
   * This host's answer to another's question about {@code member}: whether this host reaches its
   * member port, as a {@link GoneCheck.Answer}'s name, or {@value #UNKNOWN}. One try at a time;
   * its answer serves every asker for {@link #ANSWER_KEPT}.
   */
  public synchronized String answer(UUID member) {
    long now = clock.getAsLong();
    kept.values().removeIf(k -> now - k.at() >= ANSWER_KEPT.toNanos());
    Kept last = kept.get(member);
    if (last != null) {
      return last.answer().name();
    }
    Optional<InetSocketAddress> port = members.memberPort(member);
    if (port.isEmpty()) {
      return UNKNOWN;
    }
    GoneCheck.Answer answer = probe.probe(port.get());
    kept.put(member, new Kept(answer, clock.getAsLong())); // as fresh as the try's end
    return answer.name();
  }
}
