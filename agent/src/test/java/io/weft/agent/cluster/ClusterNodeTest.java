package io.weft.agent.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.hazelcast.cluster.Member;
import com.hazelcast.core.IExecutorService;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.net.NetClient;
import io.vertx.core.net.NetSocket;
import io.weft.agent.UnitLocks;
import io.weft.agent.hazelcast.GoneCheck;
import io.weft.agent.tls.FleetKeys;
import io.weft.common.ErrorCode;
import io.weft.common.WeftException;
import io.weft.common.agent.AgentArguments;
import io.weft.common.agent.FleetPassword;
import io.weft.common.net.Ipv4;
import java.io.ByteArrayOutputStream;
import java.net.ConnectException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.Logger;
import java.util.logging.SimpleFormatter;
import java.util.logging.StreamHandler;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.parallel.ResourceLock;

/**
 * Whole cluster nodes, each "host" a loopback address of its own (all of 127/8 is local):
 * Hazelcast on the host's address and port 6783 in TLS alone, two nodes forming one cluster
 * whose event bus crosses, a host of another fleet refused before its Hazelcast starts (or, on a
 * restart, going on alone), every port asking for the fleet's certificate, an event-bus frame
 * announcing too much cut off, and no log line showing the cluster name.
 */
@ResourceLock(UnitLocks.BOUNDED_CRYPTO)
class ClusterNodeTest {

  private static final String A = "127.88.0.11";
  private static final String B = "127.88.0.12";
  private static final FleetPassword PASSWORD = FleetPassword.generate();
  private static final ByteArrayOutputStream LOG = new ByteArrayOutputStream();
  private static final Logger HAZELCAST = Logger.getLogger("com.hazelcast");
  private static Handler capture;
  private static FleetKeys keysOfA;
  private static ClusterNode a;
  private static ClusterNode b;
  private static Vertx outsider;

  @BeforeAll
  static void start() throws Exception {
    capture = new StreamHandler(LOG, new SimpleFormatter());
    capture.setLevel(Level.ALL);
    Logger.getLogger("").addHandler(capture);
    HAZELCAST.setLevel(Level.INFO);
    keysOfA = FleetKeys.derive(PASSWORD, "a", Ipv4.parse(A));
    a = ClusterNode.join(options("a", A), List.of(), keysOfA, true);
    b = ClusterNode.join(options("b", B), List.of(A), FleetKeys.derive(PASSWORD, "b", Ipv4.parse(B)), true);
    outsider = Vertx.vertx();
  }

  @AfterAll
  static void stop() throws Exception {
    outsider.close().await(5, TimeUnit.SECONDS);
    b.close();
    a.close();
    Logger.getLogger("").removeHandler(capture);
  }

  private static AgentArguments options(String name, String host) {
    return new AgentArguments(name, Ipv4.parse(host), List.of(), null, Path.of("/nonexistent"));
  }

  @Test
  void twoNodesFormOneClusterAndTheirEventBusCrosses() throws Exception {
    assertEquals(2, a.clusterSize());
    assertEquals(2, b.clusterSize());
    b.vertx().eventBus().<String>consumer("test.b", m -> m.reply("b got " + m.body()));
    String reply = null;
    for (int i = 0; i < 50 && reply == null; i++) {
      try {
        reply = a.vertx().eventBus().<String>request("test.b", "hello")
            .await(2, TimeUnit.SECONDS).body();
      } catch (Exception notYetSubscribed) {
        Thread.sleep(100);
      }
    }
    assertEquals("b got hello", reply);
  }

  @Test
  void theJoiningNodeOwnsPartitionsOnceConnectedToEveryMember() throws Exception {
    // b joined as a lite member and was made a full one: partitions move to it, as to any member
    assertFalse(b.hazelcast().getCluster().getLocalMember().isLiteMember());
    assertFalse(a.hazelcast().getCluster().getLocalMember().isLiteMember());
    long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
    boolean owns = false;
    while (!owns && System.nanoTime() < end) {
      owns = b.hazelcast().getPartitionService().getPartitions().stream()
          .anyMatch(p -> b.hazelcast().getCluster().getLocalMember().equals(p.getOwner()));
      if (!owns) {
        Thread.sleep(50); // a poll interval; the bound above is the test's
      }
    }
    assertTrue(owns, "b owns no partition 20 s after its join");
  }

  @Test
  void hazelcastListensOnTheHostsAddressInTlsAlone() throws Exception {
    assertEquals(A + ":" + ClusterPorts.MEMBERS, a.hazelcast().getCluster().getLocalMember()
        .getAddress().toString().replace("[", "").replace("]", ""));
    try (Socket hazelcastsOldPort = new Socket()) {
      assertThrows(ConnectException.class, () -> hazelcastsOldPort.connect(new InetSocketAddress(A, 5701), 2000));
    }
    long before = a.refusedConnections();
    try (Socket plain = new Socket()) {
      plain.connect(new InetSocketAddress(A, ClusterPorts.MEMBERS), 2000);
      plain.setSoTimeout(10_000);
      plain.getOutputStream().write("HZC".getBytes());
      byte[] answer = plain.getInputStream().readAllBytes();
      // at most a TLS alert (content type 21), never Hazelcast's protocol
      assertTrue(answer.length == 0 || answer[0] == 21 && !new String(answer).contains("HZC"),
          "answered in clear");
    } catch (java.net.SocketException reset) {
      // dropped hard: nothing came back either way
    }
    for (int port : new int[] {ClusterPorts.MEMBERS, ClusterPorts.EVENT_BUS}) {
      FleetKeys stranger = FleetKeys.derive(FleetPassword.generate(), "m", Ipv4.parse("127.88.0.13"));
      NetClient client = outsider.createNetClient(stranger.tls().client(2000));
      assertThrows(ExecutionException.class, () -> client.connect(port, A)
          .toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS), "port " + port);
      client.close().await(5, TimeUnit.SECONDS);
    }
    long deadline = System.nanoTime() + 10_000_000_000L;
    while (a.refusedConnections() < before + 2 && System.nanoTime() < deadline) {
      Thread.sleep(20);
    }
    assertTrue(a.refusedConnections() >= before + 2, "the plain and the stranger's connections counted");
  }

  @Test
  void aNewHostOfAnotherFleetIsRefusedBeforeItsHazelcastStarts() {
    FleetKeys other = FleetKeys.derive(FleetPassword.generate(), "c", Ipv4.parse("127.88.0.13"));
    long start = System.nanoTime();
    WeftException e = assertThrows(WeftException.class,
        () -> ClusterNode.join(options("c", "127.88.0.13"), List.of(A, B), other, true));
    assertEquals(ErrorCode.FLEET_REFUSED, e.code());
    assertTrue(e.getMessage().contains(A) && e.getMessage().contains(B), e.getMessage());
    System.out.println("FIGURE a new host of another fleet refused after "
        + (System.nanoTime() - start) / 1_000_000 + " ms");
    assertEquals(2, a.clusterSize());
  }

  @Test
  void aRestartedHostOfAnotherFleetGoesOnAlone() throws Exception {
    FleetKeys other = FleetKeys.derive(FleetPassword.generate(), "d", Ipv4.parse("127.88.0.14"));
    try (ClusterNode alone = ClusterNode.join(options("d", "127.88.0.14"), List.of(A), other, false)) {
      assertEquals(1, alone.clusterSize());
      assertEquals(2, a.clusterSize());
    }
  }

  @Test
  void aSquattedPortStopsTheStartAndIsNamed() throws Exception {
    String host = "127.88.0.15";
    FleetKeys keys = FleetKeys.derive(PASSWORD, "e", Ipv4.parse(host));
    for (int port : new int[] {ClusterPorts.MEMBERS, ClusterPorts.EVENT_BUS}) {
      try (ServerSocket squatter = new ServerSocket(port, 1, InetAddress.getByName(host))) {
        WeftException e = assertThrows(WeftException.class,
            () -> ClusterNode.join(options("e", host), List.of(A), keys, false));
        assertTrue(e.getMessage().contains("cannot listen on " + host + ":" + port)
            && e.getMessage().contains("held by another process"), e.getMessage());
      }
    }
    // the second start had joined before the event bus failed: it left again
    long deadline = System.nanoTime() + 10_000_000_000L;
    while (a.clusterSize() != 2 && System.nanoTime() < deadline) {
      Thread.sleep(20);
    }
    assertEquals(2, a.clusterSize());
  }

  @Test
  void anEventBusFrameAnnouncingTooMuchIsCutOff() throws Exception {
    // a host of the fleet itself: past the TLS, only the frame limit stands
    FleetKeys insider = FleetKeys.derive(PASSWORD, "c", Ipv4.parse("127.88.0.14"));
    NetClient client = outsider.createNetClient(insider.tls().client(2000));
    NetSocket socket = client.connect(ClusterPorts.EVENT_BUS, A).await(10, TimeUnit.SECONDS);
    Promise<Void> closed = Promise.promise();
    socket.closeHandler(v -> closed.tryComplete());
    socket.write(Buffer.buffer().appendInt(256 << 20).appendBytes(new byte[64 << 10]));
    closed.future().await(10, TimeUnit.SECONDS);
    // and the event bus still takes connections
    client.connect(ClusterPorts.EVENT_BUS, A).await(10, TimeUnit.SECONDS).close();
    client.close().await(5, TimeUnit.SECONDS);
  }

  @Test
  void aWitnessQuestionCrossesTheMemberConnectionsAndIsAnswered() throws Exception {
    ExecutorService checks = Executors.newSingleThreadExecutor();
    try {
      b.witness(checks);
      MemberWitnesses fromA = new MemberWitnesses(a.hazelcast());
      UUID memberA = a.hazelcast().getCluster().getLocalMember().getUuid();
      // b tries a's member port for real: a listens
      assertEquals("LISTENING", fromA.ask("b", memberA).get(10, TimeUnit.SECONDS));
      assertEquals(CutOffWitness.UNKNOWN, fromA.ask("b", UUID.randomUUID()).get(10, TimeUnit.SECONDS));
      ExecutionException noSuchHost = assertThrows(ExecutionException.class,
          () -> fromA.ask("nobody", memberA).get(10, TimeUnit.SECONDS));
      assertTrue(noSuchHost.getCause().getMessage().contains("no member of host nobody"));
      // word of a cut-off to a member that reaches the host: no suspicion, both stay
      IExecutorService executor = a.hazelcast().getExecutorService(WitnessQuestion.EXECUTOR);
      Member memberB = b.hazelcast().getCluster().getLocalMember();
      assertEquals("LISTENING", executor.submitToMember(new WitnessQuestion(memberA, true), memberB)
          .get(10, TimeUnit.SECONDS));
      assertEquals(2, a.clusterSize());
      assertEquals(2, b.clusterSize());
    } finally {
      checks.shutdownNow();
    }
  }

  @Test
  void witnessQuestionsPastTheQueueAreRefused() throws Exception {
    CountDownLatch held = new CountDownLatch(1);
    AtomicInteger tries = new AtomicInteger();
    ExecutorService checks = Executors.newSingleThreadExecutor();
    Object before = b.hazelcast().getUserContext().get(WitnessQuestion.CONTEXT_KEY);
    CutOffWitness slow = new CutOffWitness(null, "b", b, port -> {
      tries.incrementAndGet();
      try {
        held.await(20, TimeUnit.SECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
      return GoneCheck.Answer.SILENT;
    }, checks, System::nanoTime);
    b.hazelcast().getUserContext().put(WitnessQuestion.CONTEXT_KEY, slow);
    List<Future<String>> asked = new ArrayList<>();
    int answered = 0;
    int refused = 0;
    try {
      MemberWitnesses fromA = new MemberWitnesses(a.hazelcast());
      UUID memberA = a.hazelcast().getCluster().getLocalMember().getUuid();
      asked.add(fromA.ask("b", memberA));
      waitUntil(() -> tries.get() == 1);
      // they reach b's queue in no set order (two threads take operations in), so count
      for (int i = 0; i < CutOffWitness.ANSWERS_QUEUED + 10; i++) {
        asked.add(fromA.ask("b", memberA));
      }
      List<Future<String>> queued = asked.subList(1, asked.size());
      waitUntil(() -> queued.stream().filter(Future::isDone).count() >= 10);
      for (Future<String> f : queued) {
        if (f.isDone()) {
          ExecutionException e = assertThrows(ExecutionException.class, f::get, "answered while the one thread was busy");
          assertTrue(e.getCause() instanceof RejectedExecutionException, String.valueOf(e.getCause()));
          refused++;
        }
      }
    } finally {
      held.countDown();
      for (Future<String> f : asked) {
        try {
          assertEquals("SILENT", f.get(10, TimeUnit.SECONDS));
          answered++;
        } catch (ExecutionException refusedBefore) {
          // counted above
        }
      }
      if (before == null) {
        b.hazelcast().getUserContext().remove(WitnessQuestion.CONTEXT_KEY);
      } else {
        b.hazelcast().getUserContext().put(WitnessQuestion.CONTEXT_KEY, before);
      }
      checks.shutdownNow();
    }
    assertEquals(10, refused, "the questions past the one running and the " + CutOffWitness.ANSWERS_QUEUED + " waiting");
    assertEquals(1 + CutOffWitness.ANSWERS_QUEUED, answered);
    assertEquals(1, tries.get(), "the queued questions were answered by the one try");
  }

  private static void waitUntil(BooleanSupplier condition) throws InterruptedException {
    long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
    while (!condition.getAsBoolean()) {
      if (System.nanoTime() > end) {
        throw new AssertionError("not within 10 s");
      }
      Thread.sleep(10);
    }
  }

  @Test
  void noLogLineShowsTheClusterName() {
    capture.flush();
    String log = LOG.toString();
    assertTrue(log.contains("Members {size:2"), "Hazelcast's lines were captured");
    assertFalse(log.contains(keysOfA.clusterName()), "the cluster name in the log");
    assertFalse(log.contains(keysOfA.clusterName().substring(5)), "the cluster name's digits in the log");
  }
}
