package io.weft.agent.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.eventbus.ReplyException;
import io.vertx.core.json.JsonObject;
import io.weft.agent.hazelcast.GoneCheck.Answer;
import io.weft.common.bus.BusAddresses;
import java.net.InetSocketAddress;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * A host that no member reaches is suspected at once; one that any member reaches, or about
 * which a witness cannot say, is left to the long bound. On one Vert.x's event bus, with the
 * members and their tries of the port faked.
 */
class CutOffWitnessTest {

  private static final UUID HOST3 = UUID.randomUUID();
  private static final InetSocketAddress PORT = new InetSocketAddress("127.0.0.1", 6783);

  private final Vertx vertx = Vertx.vertx();
  private final ExecutorService threads = Executors.newCachedThreadPool();
  private final AtomicLong clock = new AtomicLong();
  private final List<String> suspected = new CopyOnWriteArrayList<>();
  private final AtomicInteger tries = new AtomicInteger();

  @AfterEach
  void stop() throws Exception {
    threads.shutdownNow();
    vertx.close().await(5, TimeUnit.SECONDS);
  }

  /** A host of the fleet whose tries of host3's port give {@code answer}. */
  private CutOffWitness host(String name, Answer answer) {
    CutOffWitness.Members members = new CutOffWitness.Members() {
      @Override
      public Optional<InetSocketAddress> memberPort(UUID member) {
        return member.equals(HOST3) ? Optional.of(PORT) : Optional.empty();
      }

      @Override
      public boolean suspect(UUID member, String reason) {
        suspected.add(name + " suspects " + (member.equals(HOST3) ? "host3" : member) + ": " + reason);
        return true;
      }
    };
    CutOffWitness w = new CutOffWitness(vertx.eventBus(), name, members, port -> {
      tries.incrementAndGet();
      return answer;
    }, threads, threads, clock::get);
    w.listen();
    return w;
  }

  @Test
  void aHostNoMemberReachesIsSuspected() {
    CutOffWitness host1 = host("host1", Answer.SILENT);
    host("host2", Answer.SILENT);
    host("host4", Answer.SILENT);
    host1.check("host3", HOST3, Set.of("host2", "host4"));
    assertEquals(1, suspected.size(), suspected.toString());
    assertTrue(suspected.get(0).startsWith("host1 suspects host3: no member reaches its host"), suspected.get(0));
  }

  @Test
  void aHostThisOneReachesIsNotAskedAbout() {
    CutOffWitness host1 = host("host1", Answer.LISTENING);
    host("host2", Answer.SILENT);
    host1.check("host3", HOST3, Set.of("host2"));
    assertEquals(List.of(), suspected);
    assertEquals(1, tries.get(), "host2 was not asked");
  }

  @Test
  void aHostAnotherMemberReachesStaysForARelayToCarry() {
    CutOffWitness host1 = host("host1", Answer.SILENT);
    host("host2", Answer.LISTENING);
    host("host4", Answer.SILENT);
    host1.check("host3", HOST3, Set.of("host2", "host4"));
    assertEquals(List.of(), suspected);
  }

  @Test
  void aWitnessThatDoesNotAnswerCountsAsOneThatReaches() {
    CutOffWitness host1 = host("host1", Answer.SILENT);
    host("host2", Answer.SILENT);
    // host4's agent is in the cluster but not listening (stalled, or just gone)
    host1.check("host3", HOST3, Set.of("host2", "host4"));
    assertEquals(List.of(), suspected);
  }

  @Test
  void withNoOtherMemberTheLongBoundDecides() {
    // a stream filling the one path between two hosts can drop a try: one word is not enough
    host("host1", Answer.SILENT).check("host3", HOST3, Set.of());
    assertEquals(List.of(), suspected);
    assertEquals(1, tries.get());
  }

  @Test
  void aMemberCheckedLatelyIsNotCheckedAgain() throws Exception {
    CutOffWitness host1 = host("host1", Answer.LISTENING);
    host1.consider("host3", HOST3, Set.of());
    host1.consider("host3", HOST3, Set.of());
    waitFor(() -> tries.get() == 1);
    clock.addAndGet(CutOffWitness.AGAIN.toNanos());
    host1.consider("host3", HOST3, Set.of());
    waitFor(() -> tries.get() == 2);
    assertEquals(2, tries.get());
  }

  @Test
  void aQuestionThatDoesNotReadOrNamesNoMemberIsRefused() {
    host("host2", Answer.SILENT);
    assertEquals(400, failure(vertx.eventBus().request(BusAddresses.witness("host2"), "{\"member\": 7}")));
    assertEquals(400, failure(vertx.eventBus().request(BusAddresses.witness("host2"), "not json")));
    assertEquals(400, failure(vertx.eventBus().request(BusAddresses.witness("host2"),
        "{\"member\":\"" + "x".repeat(300) + "\"}")));
    assertEquals(404, failure(vertx.eventBus().request(BusAddresses.witness("host2"),
        "{\"member\":\"" + UUID.randomUUID() + "\"}")));
    assertEquals(0, tries.get());
    assertEquals("SILENT", ask("host2"));
  }

  @Test
  void aHostThatAnsweredReadyIsNotAskedAgain() throws Exception {
    CutOffWitness host1 = host("host1", Answer.SILENT);
    AtomicInteger readies = new AtomicInteger();
    vertx.eventBus().consumer(BusAddresses.witness("host2"), m -> {
      readies.incrementAndGet();
      m.reply("{\"answer\":\"READY\"}");
    });
    host1.know(Set.of("host1", "host2"));
    waitFor(() -> readies.get() == 1);
    host1.know(Set.of("host1", "host2"));
    host1.know(Set.of("host1"));
    host1.know(Set.of("host1", "host2"));
    waitFor(() -> readies.get() == 2);
    assertEquals(2, readies.get(), "asked again only once it had left and come back");
  }

  @Test
  void aHostIsAskedOnceWhetherItIsReadyToWitnessAndAgainIfItWasNot() throws Exception {
    CutOffWitness host1 = host("host1", Answer.SILENT);
    host1.know(Set.of("host1", "host2"));
    AtomicInteger readies = new AtomicInteger();
    vertx.eventBus().consumer(BusAddresses.witness("host2"), m -> {
      readies.incrementAndGet();
      m.fail(500, "not yet");
    });
    // the first failed with no one there, the next is refused: each time it is asked again, as
    // the agent's period calls know()
    waitFor(() -> {
      host1.know(Set.of("host1", "host2"));
      return readies.get() >= 2;
    });
    assertTrue(readies.get() >= 2, "asked again after a failure");
    host("host3", Answer.SILENT);
    assertEquals("READY", new JsonObject(String.valueOf(vertx.eventBus()
        .request(BusAddresses.witness("host3"), "{\"ready\":true}").toCompletionStage().toCompletableFuture()
        .get(5, TimeUnit.SECONDS).body())).getString("answer"));
    assertEquals(0, tries.get(), "readiness tries no port");
  }

  @Test
  void questionsPastTheAnswersQueueAreRefusedBusy() throws Exception {
    CountDownLatch held = new CountDownLatch(1);
    ExecutorService full = new ThreadPoolExecutor(1, 1, 0, TimeUnit.MILLISECONDS, new ArrayBlockingQueue<>(1));
    try {
      full.execute(() -> await(held)); // the thread busy
      full.execute(() -> { });         // the queue full
      new CutOffWitness(vertx.eventBus(), "host2", null, port -> Answer.SILENT, threads, full, clock::get).listen();
      assertEquals(503, failure(vertx.eventBus().request(BusAddresses.witness("host2"),
          "{\"member\":\"" + HOST3 + "\"}")));
    } finally {
      held.countDown();
      full.shutdownNow();
    }
  }

  private static void await(CountDownLatch latch) {
    try {
      latch.await(10, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  @Test
  void oneTryAnswersSeveralAskersAtOnce() {
    host("host2", Answer.SILENT);
    ask("host2");
    ask("host2");
    assertEquals(1, tries.get());
    clock.addAndGet(CutOffWitness.ANSWER_KEPT.toNanos());
    ask("host2");
    assertEquals(2, tries.get());
  }

  private String ask(String witness) {
    try {
      Object body = vertx.eventBus().request(BusAddresses.witness(witness), "{\"member\":\"" + HOST3 + "\"}")
          .toCompletionStage().toCompletableFuture().get(5, TimeUnit.SECONDS).body();
      return new JsonObject(String.valueOf(body)).getString("answer");
    } catch (Exception e) {
      throw new AssertionError(e);
    }
  }

  private static int failure(Future<?> reply) {
    try {
      reply.toCompletionStage().toCompletableFuture().get(5, TimeUnit.SECONDS);
      return 200;
    } catch (ExecutionException e) {
      return ((ReplyException) e.getCause()).failureCode();
    } catch (Exception e) {
      throw new AssertionError(e);
    }
  }

  private static void waitFor(BooleanSupplier condition) throws InterruptedException {
    long end = System.nanoTime() + 5_000_000_000L;
    while (!condition.getAsBoolean() && System.nanoTime() < end) {
      Thread.sleep(10); // polling the condition, bounded above
    }
  }
}
