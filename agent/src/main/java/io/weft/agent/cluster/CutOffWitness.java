package io.weft.agent.cluster;

import io.vertx.core.Future;
import io.vertx.core.eventbus.DeliveryOptions;
import io.vertx.core.eventbus.EventBus;
import io.vertx.core.eventbus.Message;
import io.vertx.core.json.JsonObject;
import io.weft.agent.hazelcast.GoneCheck;
import io.weft.common.bus.BusAddresses;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;
import java.util.logging.Logger;

/**
 * Whether a member this host stopped hearing is cut off from the whole fleet, asked of kernels
 * rather than agents: this host tries a connection to its member port ({@link GoneCheck}), and
 * when nothing answers, asks every other member to try the same ({@link
 * BusAddresses#WITNESS_PREFIX}). When none of them reaches it, no host can carry its traffic
 * either, and it is suspected at once, rather than after the member connections' unacknowledged
 * bound (8 s, long enough for the wire to move a pair cut apart to a relay). A member whose JVM
 * stalls is not suspected this way: its kernel still answers connections. One that any member
 * still reaches stays: a relay may carry it, and the long bound judges it; so does a member of a
 * fleet of two, where this host's try would be the only word.
 */
public final class CutOffWitness {

  private static final Logger LOG = Logger.getLogger(CutOffWitness.class.getName());
  /** Every witness's own try takes at most {@link GoneCheck#BOUND}; this leaves room for the bus. */
  static final Duration ASK_BOUND = Duration.ofMillis(1500);
  /** A member checked is not checked again for this long, nor is a witness's answer tried again. */
  static final Duration AGAIN = Duration.ofSeconds(2);
  /** A witness's answer to several askers at once is one try, reused this long. */
  static final Duration ANSWER_KEPT = Duration.ofMillis(700);
  private static final int MAX_BODY_CHARS = 200;
  /** Questions from other hosts waiting for the answers' thread, at most: past that, refused. */
  public static final int ANSWERS_QUEUED = 64;
  private static final JsonObject READY = new JsonObject().put("ready", true);

  /** The cluster this host is a member of. */
  public interface Members {
    Optional<InetSocketAddress> memberPort(UUID member);

    boolean suspect(UUID member, String reason);
  }

  /** A try of a member port, bounded. */
  public interface Probe {
    GoneCheck.Answer probe(InetSocketAddress port);
  }

  private record Kept(GoneCheck.Answer answer, long at) {}

  private final EventBus bus;
  private final String self;
  private final Members members;
  private final Probe probe;
  private final ExecutorService checks;
  private final ExecutorService answers;
  private final LongSupplier clock;
  private final Map<UUID, Long> checkedAt = new ConcurrentHashMap<>();
  private final Map<UUID, Kept> kept = new ConcurrentHashMap<>();
  private final Set<String> known = ConcurrentHashMap.newKeySet();

  /**
   * @param checks where this host's checks run, one at a time (each blocks up to two bounds)
   * @param answers where the answers to other hosts run, apart from this host's own checks: a
   *     queue of at most {@link #ANSWERS_QUEUED}, whose refusals are answered "busy"
   */
  public CutOffWitness(EventBus bus, String self, Members members, Probe probe, ExecutorService checks,
      ExecutorService answers, LongSupplier clock) {
    this.bus = bus;
    this.self = self;
    this.members = members;
    this.probe = probe;
    this.checks = checks;
    this.answers = answers;
    this.clock = clock;
  }

  /** The probe that tries a real connection, bounded by {@link GoneCheck#BOUND}. */
  public static Probe connecting() {
    return port -> GoneCheck.probe(port, GoneCheck.BOUND);
  }

  /** Answers other hosts' questions at this host's witness address. */
  public void listen() {
    bus.<Object>consumer(BusAddresses.witness(self), this::answer);
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
    List<Future<Message<Object>>> said = new ArrayList<>();
    JsonObject question = new JsonObject().put("member", member.toString());
    for (String w : witnesses) {
      if (!w.equals(self) && !w.equals(host)) {
        asked.add(w);
        said.add(bus.request(BusAddresses.witness(w), question.encode(),
            new DeliveryOptions().setSendTimeout(ASK_BOUND.toMillis())));
      }
    }
    if (said.isEmpty()) {
      return; // this host's word alone: a stream filling the one path can drop a try too; the long bound judges
    }
    for (int i = 0; i < said.size(); i++) {
      String answer = answerOf(said.get(i));
      String witness = asked.get(i);
      LOG.fine(() -> "host " + host + ": " + witness + " says " + answer);
      if (!"SILENT".equals(answer) && !"REFUSED".equals(answer)) {
        return; // it reaches the member, or could not say: a relay may carry it, the long bound judges
      }
    }
    String reason = "no member reaches its host (this one: " + here + ", asked " + asked + ": none)";
    if (members.suspect(member, reason)) {
      LOG.info("host " + host + " is cut off: " + reason + "; its member is suspected");
    }
  }

  private static String answerOf(Future<Message<Object>> said) {
    try {
      Message<Object> reply = said.toCompletionStage().toCompletableFuture()
          .get(ASK_BOUND.toMillis() + 500, TimeUnit.MILLISECONDS);
      return new JsonObject(String.valueOf(reply.body())).getString("answer");
    } catch (Exception noAnswer) {
      LOG.fine(() -> "a witness did not answer: " + noAnswer);
      return null;
    }
  }

  /**
   * Asks each of {@code hosts} not asked yet whether it is ready to witness, so that this host's
   * event bus knows where their witness addresses are before it needs them. The bus learns where
   * an address is from a replicated map, whose entry may live on the very host that is cut off:
   * a first question sent then waits on that host, and the answer comes too late. Once known, the
   * bus keeps it, and follows changes without asking.
   */
  public void know(Set<String> hosts) {
    known.retainAll(hosts);
    for (String h : hosts) {
      if (!h.equals(self) && known.add(h)) {
        bus.request(BusAddresses.witness(h), READY.encode(), new DeliveryOptions().setSendTimeout(ASK_BOUND.toMillis()))
            .onFailure(e -> known.remove(h));
      }
    }
  }

  private void answer(Message<Object> question) {
    UUID member;
    try {
      String body = String.valueOf(question.body());
      if (body.length() > MAX_BODY_CHARS) {
        throw new IllegalArgumentException("a question longer than " + MAX_BODY_CHARS + " characters");
      }
      JsonObject asked = new JsonObject(body);
      if (asked.equals(READY)) {
        question.reply(new JsonObject().put("answer", "READY").encode());
        return;
      }
      member = UUID.fromString(asked.getString("member", ""));
    } catch (RuntimeException malformed) {
      question.fail(400, "bad_request: a witness question is {\"member\": UUID} or {\"ready\": true}");
      return;
    }
    try {
      answers.execute(() -> answerAbout(question, member));
    } catch (RejectedExecutionException full) {
      question.fail(503, "busy: " + ANSWERS_QUEUED + " witness questions wait already");
    }
  }

  private void answerAbout(Message<Object> question, UUID member) {
    long now = clock.getAsLong();
    kept.values().removeIf(k -> now - k.at() >= ANSWER_KEPT.toNanos());
    Kept last = kept.get(member);
    GoneCheck.Answer answer;
    if (last != null && now - last.at() < ANSWER_KEPT.toNanos()) {
      answer = last.answer();
    } else {
      Optional<InetSocketAddress> port = members.memberPort(member);
      if (port.isEmpty()) {
        question.fail(404, "not_found: no member " + member + " in this host's cluster");
        return;
      }
      answer = probe.probe(port.get());
      kept.put(member, new Kept(answer, now));
    }
    question.reply(new JsonObject().put("answer", answer.name()).encode());
  }
}
