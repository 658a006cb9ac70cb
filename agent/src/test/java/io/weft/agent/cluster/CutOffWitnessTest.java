package io.weft.agent.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.weft.agent.UnitLocks;
import io.weft.agent.hazelcast.GoneCheck.Answer;
import java.net.InetSocketAddress;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.parallel.ResourceLock;

/**
 * A host that no member reaches is suspected at once; one that any member reaches, or about
 * which a witness cannot say, is left to the long bound. The witnesses of several hosts in one
 * JVM, the way between them and their tries of the port faked ({@code ClusterNodeTest} asks
 * across real member connections).
 */
@ResourceLock(UnitLocks.BOUNDED_CRYPTO)
class CutOffWitnessTest {

  private static final UUID HOST3 = UUID.randomUUID();
  private static final InetSocketAddress PORT = new InetSocketAddress("127.0.0.1", 6783);

  private final ExecutorService threads = Executors.newCachedThreadPool();
  private final AtomicLong clock = new AtomicLong();
  private final List<String> suspected = new CopyOnWriteArrayList<>();
  private final AtomicInteger tries = new AtomicInteger();
  /** The hosts whose witnesses answer, by name; a host missing here is not in the cluster. */
  private final Map<String, CutOffWitness> fleet = new ConcurrentHashMap<>();
  /** Hosts in the cluster whose agents never answer (stalled). */
  private final Set<String> stalled = ConcurrentHashMap.newKeySet();

  /** The members told that another found a host cut off, as the master would be. */
  private final List<UUID> toldMaster = new CopyOnWriteArrayList<>();

  private final CutOffWitness.Witnesses way = new CutOffWitness.Witnesses() {
    @Override
    public Future<String> ask(String host, UUID member) {
      if (stalled.contains(host)) {
        return new CompletableFuture<>();
      }
      CutOffWitness witness = fleet.get(host);
      if (witness == null) {
        return CompletableFuture.failedFuture(new IllegalStateException("no member of host " + host));
      }
      return CompletableFuture.supplyAsync(() -> witness.answer(member), threads);
    }

    @Override
    public void tellMaster(UUID member) {
      toldMaster.add(member);
    }
  };

  @AfterEach
  void stop() {
    threads.shutdownNow();
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
    CutOffWitness w = new CutOffWitness(way, name, members, port -> {
      tries.incrementAndGet();
      return answer;
    }, threads, clock::get);
    fleet.put(name, w);
    return w;
  }

  @Test
  void aHostNoMemberReachesIsSuspected() {
    CutOffWitness host1 = host("host1", Answer.SILENT);
    host("host2", Answer.SILENT);
    host("host4", Answer.REFUSED);
    host1.check("host3", HOST3, Set.of("host2", "host4"));
    assertEquals(1, suspected.size(), suspected.toString());
    assertTrue(suspected.get(0).startsWith("host1 suspects host3: no member reaches its host"), suspected.get(0));
    assertEquals(3, tries.get(), "host1, host2 and host4 each tried");
    assertEquals(List.of(HOST3), toldMaster, "the master told: its suspicion alone removes at once");
  }

  @Test
  void theMasterToldOfACutOffSuspectsOnlyWhenItDoesNotReachTheHostEither() {
    assertEquals("LISTENING", host("host1", Answer.LISTENING).foundCutOff(HOST3));
    assertEquals(List.of(), suspected);
    fleet.clear();
    assertEquals("SILENT", host("host2", Answer.SILENT).foundCutOff(HOST3));
    assertEquals(1, suspected.size(), suspected.toString());
    assertTrue(suspected.get(0).startsWith("host2 suspects host3: another host found"), suspected.get(0));
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
  void aWitnessThatCannotBeAskedCountsAsOneThatReaches() {
    CutOffWitness host1 = host("host1", Answer.SILENT);
    host("host2", Answer.SILENT);
    // host4 is named a witness but is no member here (it just left)
    host1.check("host3", HOST3, Set.of("host2", "host4"));
    assertEquals(List.of(), suspected);
  }

  @Test
  void aWitnessThatDoesNotAnswerWithinTheBoundCountsAsOneThatReaches() {
    CutOffWitness host1 = host("host1", Answer.SILENT);
    host("host2", Answer.SILENT);
    stalled.add("host4");
    long start = System.nanoTime();
    host1.check("host3", HOST3, Set.of("host2", "host4"));
    long millis = (System.nanoTime() - start) / 1_000_000;
    assertEquals(List.of(), suspected);
    assertTrue(millis >= CutOffWitness.ASK_BOUND.toMillis() - 50, "waited " + millis + " ms only");
  }

  @Test
  void aWitnessWhoseHostHasNoWitnessYetCountsAsOneThatCannotSay() {
    CutOffWitness host1 = host("host1", Answer.SILENT);
    host("host2", Answer.SILENT);
    CutOffWitness.Witnesses starting = new CutOffWitness.Witnesses() {
      @Override
      public Future<String> ask(String host, UUID member) {
        return CompletableFuture.completedFuture(WitnessQuestion.NOT_READY);
      }

      @Override
      public void tellMaster(UUID member) {
        toldMaster.add(member);
      }
    };
    new CutOffWitness(starting, "host1", new CutOffWitness.Members() {
      @Override
      public Optional<InetSocketAddress> memberPort(UUID member) {
        return Optional.of(PORT);
      }

      @Override
      public boolean suspect(UUID member, String reason) {
        suspected.add(reason);
        return true;
      }
    }, port -> Answer.SILENT, threads, clock::get).check("host3", HOST3, Set.of("host2"));
    assertEquals(List.of(), suspected);
    host1.check("host3", HOST3, Set.of("host2"));
    assertEquals(1, suspected.size(), "the same question answered by a ready witness");
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
  void aQuestionAboutNoMemberOfThisClusterIsAnsweredUnknownWithoutATry() {
    CutOffWitness host2 = host("host2", Answer.SILENT);
    assertEquals(CutOffWitness.UNKNOWN, host2.answer(UUID.randomUUID()));
    assertEquals(0, tries.get());
    assertEquals("SILENT", host2.answer(HOST3));
  }

  @Test
  void oneTryAnswersSeveralAskersAtOnce() throws Exception {
    CutOffWitness host2 = host("host2", Answer.SILENT);
    Future<String> first = way.ask("host2", HOST3);
    Future<String> second = way.ask("host2", HOST3);
    assertEquals("SILENT", first.get());
    assertEquals("SILENT", second.get());
    assertEquals(1, tries.get());
    clock.addAndGet(CutOffWitness.ANSWER_KEPT.toNanos());
    assertEquals("SILENT", host2.answer(HOST3));
    assertEquals(2, tries.get());
  }

  private static void waitFor(BooleanSupplier condition) throws InterruptedException {
    long end = System.nanoTime() + 5_000_000_000L;
    while (!condition.getAsBoolean() && System.nanoTime() < end) {
      Thread.sleep(10); // polling the condition, bounded above
    }
  }
}
