package io.weft.bench.bridge;

import com.github.dockerjava.api.DockerClient;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.core.net.NetClient;
import io.weft.bench.fleet.AgentMemory;
import io.weft.bench.fleet.ChainLaunch;
import io.weft.bench.fleet.ClusterBenchmark;
import io.weft.bench.fleet.Stats;
import io.weft.common.bus.BridgeContract;
import io.weft.common.bus.BusAddresses;
import io.weft.docker.engine.DockerClients;
import io.weft.docker.image.AgentImage;
import io.weft.docker.image.DebianBase;
import io.weft.shell.cli.WeftCli;
import io.weft.shell.sandbox.Sandbox;
import io.weft.shell.sandbox.SandboxHost;
import io.weft.shell.sandbox.SandboxLock;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * {@code bench/run bridge}: a launched fleet of three, and clients of the bridge on this machine
 * with a credential of {@code weft credentials}. Prints: the round trip of {@code status} through
 * the bridge to host3 (to host3's own bridge, and to host1's, which sends it on over the
 * cluster), beside the same from host1's JVM client (the agent's typed client over the bus);
 * the time from a container's start on host2 to its {@code attached} event at a subscriber on
 * host1's bridge; and how many subscribed clients host3's agent holds with events flowing, and
 * its resident memory.
 */
public final class BridgeBenchmark {

  private static final long BOUND_SECONDS = 60;

  public static void main(String[] args) throws Exception {
    int roundTrips = args.length > 0 ? Integer.parseInt(args[0]) : 500;
    int[] clientCounts = args.length > 1
        ? Arrays.stream(args[1].split(",")).mapToInt(Integer::parseInt).toArray()
        : new int[] {100, 250, BridgeContract.MAX_CLIENTS};
    SandboxLock.holdForThisProcess(line -> System.err.println("sandbox: " + line));
    Path home = Path.of(System.getProperty("weft.home"));
    Sandbox sandbox = Sandbox.standard(line -> { });
    List<SandboxHost> hosts = sandbox.up(3, AgentImage.fromBuildTree(home));
    Vertx vertx = Vertx.vertx();
    try {
      ChainLaunch.launch(hosts);
      Path credentials = Files.createTempDirectory("weft-bench-credentials");
      weft(hosts.get(0), "credentials", "bench", credentials.toString());
      NetClient client = BridgeLink.client(vertx, credentials);
      SandboxHost host1 = hosts.get(0);
      SandboxHost host2 = hosts.get(1);
      SandboxHost host3 = hosts.get(2);

      System.out.printf(Locale.ROOT, "status round trip to host3, ms (p50 / p99, %d each):%n", roundTrips);
      Stats direct = roundTrips(client, host3.address(), roundTrips);
      System.out.printf(Locale.ROOT, "  bridge, this machine -> host3's bridge:           %.2f / %.2f%n", direct.median(), direct.percentile(99));
      Stats viaHost1 = roundTrips(client, host1.address(), roundTrips);
      System.out.printf(Locale.ROOT, "  bridge, this machine -> host1's bridge -> host3:  %.2f / %.2f%n", viaHost1.median(), viaHost1.percentile(99));
      Stats jvm = ClusterBenchmark.jvmRoundTrips(host1, "host3", roundTrips);
      System.out.printf(Locale.ROOT, "  JVM client on the bus, host1's agent -> host3:    %.2f / %.2f%n", jvm.median(), jvm.percentile(99));

      Stats toEvent = startToAttached(client, host1, host2, 10);
      System.out.printf(Locale.ROOT, "container started on host2 -> its attached event at a subscriber of host1's bridge: "
          + "median %.0f ms, max %.0f ms (%d containers, weft run)%n", toEvent.median(), toEvent.percentile(100), toEvent.count());

      long idleKb = AgentMemory.residentKb(host3);
      System.out.printf(Locale.ROOT, "host3's agent before the clients: %d MB resident%n", idleKb / 1024);
      for (int count : clientCounts) {
        manyClients(client, host2, host3, count);
      }
    } finally {
      vertx.close().await(10, TimeUnit.SECONDS);
      sandbox.down();
    }
  }

  private static Stats roundTrips(NetClient client, String address, int count) throws Exception {
    BridgeLink link = BridgeLink.connect(client, address).await(BOUND_SECONDS, TimeUnit.SECONDS);
    JsonObject status = new JsonObject().put("verb", "status");
    Stats stats = new Stats();
    for (int i = 0; i < count + 100; i++) {
      long start = System.nanoTime();
      JsonObject reply = link.request(BusAddresses.host("host3"), status).await(BOUND_SECONDS, TimeUnit.SECONDS);
      double millis = (System.nanoTime() - start) / 1e6;
      if (!reply.getBoolean("ok", false)) {
        throw new IllegalStateException("status failed: " + reply.encode());
      }
      if (i >= 100) { // the first hundred warm both ends
        stats.add(millis);
      }
    }
    link.close();
    return stats;
  }

  /** Docker's StartedAt of each container {@code weft run} made on host2, to its event on host1's bridge. */
  private static Stats startToAttached(NetClient client, SandboxHost subscriberHost, SandboxHost host,
      int rounds) throws Exception {
    BlockingQueue<JsonObject> attached = new LinkedBlockingQueue<>();
    ConcurrentHashMap<String, Long> arrivedAt = new ConcurrentHashMap<>();
    BridgeLink link = BridgeLink.connect(client, subscriberHost.address()).await(BOUND_SECONDS, TimeUnit.SECONDS);
    link.subscribe(event -> {
      if ("attached".equals(event.getString("event"))) {
        Instant now = Instant.now();
        arrivedAt.put(event.getJsonObject("container").getString("name"),
            now.getEpochSecond() * 1_000_000_000L + now.getNano());
        attached.add(event);
      }
    }).await(BOUND_SECONDS, TimeUnit.SECONDS);
    Stats stats = new Stats();
    try (DockerClient docker = DockerClients.forHost(host.dockerHost())) {
      for (int i = 0; i < rounds; i++) {
        String name = "bench-event-" + i;
        weft(host, "run", "--name", name, DebianBase.IMAGE, "sleep", "infinity");
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(BOUND_SECONDS);
        while (!arrivedAt.containsKey(name) && System.nanoTime() < deadline) {
          attached.poll(1, TimeUnit.SECONDS);
        }
        if (!arrivedAt.containsKey(name)) {
          throw new IllegalStateException("no attached event for " + name + " within " + BOUND_SECONDS + " s");
        }
        Instant started = Instant.parse(docker.inspectContainerCmd(name).exec().getState().getStartedAt());
        stats.add((arrivedAt.get(name) - (started.getEpochSecond() * 1_000_000_000L + started.getNano())) / 1e6);
        docker.removeContainerCmd(name).withForce(true).exec();
      }
    }
    link.close();
    return stats;
  }

  /**
   * {@code count} subscribed clients on host3's bridge while host2 attaches and detaches a
   * container in a loop (two events each time): every client must hear the last one.
   */
  private static void manyClients(NetClient client, SandboxHost host2, SandboxHost host3, int count)
      throws Exception {
    List<BridgeLink> links = new ArrayList<>();
    AtomicLong received = new AtomicLong();
    ConcurrentHashMap<Integer, Long> lastSeen = new ConcurrentHashMap<>();
    for (int i = 0; i < count; i++) {
      int index = i;
      BridgeLink link = BridgeLink.connect(client, host3.address()).await(BOUND_SECONDS, TimeUnit.SECONDS);
      link.subscribe(event -> {
        received.incrementAndGet();
        if ("marker".equals(event.getJsonObject("container", new JsonObject()).getString("name"))) {
          lastSeen.merge(index, 1L, Long::sum);
        }
      }).await(BOUND_SECONDS, TimeUnit.SECONDS);
      links.add(link);
    }
    weft(host2, "run", "--name", "marker", DebianBase.IMAGE, "sleep", "infinity");
    BridgeLink driver = BridgeLink.connect(client, host2.address()).await(BOUND_SECONDS, TimeUnit.SECONDS);
    long start = System.nanoTime();
    int cycles = 0;
    JsonArray none = new JsonArray();
    while (System.nanoTime() - start < TimeUnit.SECONDS.toNanos(10)) {
      driver.request(BusAddresses.host("host2"), new JsonObject().put("verb", "detach").put("cidrs", none)
          .put("container", "marker")).await(BOUND_SECONDS, TimeUnit.SECONDS);
      driver.request(BusAddresses.host("host2"), new JsonObject().put("verb", "attach").put("cidrs", none)
          .put("container", "marker")).await(BOUND_SECONDS, TimeUnit.SECONDS);
      cycles++;
    }
    double seconds = (System.nanoTime() - start) / 1e9;
    long rssKb = AgentMemory.residentKb(host3);
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(BOUND_SECONDS);
    while (received.get() < 2L * cycles * count && System.nanoTime() < deadline) {
      Thread.sleep(100); // a count to reach, bounded: the stream is asynchronous
    }
    int complete = 0;
    for (int i = 0; i < count; i++) {
      if (lastSeen.getOrDefault(i, 0L) >= 2L * cycles) {
        complete++;
      }
    }
    System.out.printf(Locale.ROOT, "%d clients on host3's bridge, %.0f events/s for %.0f s: %d heard every event "
            + "(%d of %d delivered), host3's agent %d MB resident%n", count, 2 * cycles / seconds, seconds,
        complete, received.get(), 2L * cycles * count, rssKb / 1024);
    Future.all(links.stream().map(BridgeLink::close).toList()).await(BOUND_SECONDS, TimeUnit.SECONDS);
    driver.close();
    try (DockerClient docker = DockerClients.forHost(host2.dockerHost())) {
      docker.removeContainerCmd("marker").withForce(true).exec();
    }
  }

  private static void weft(SandboxHost host, String... args) {
    System.setProperty(DockerClients.HOST_PROPERTY, host.dockerHost());
    try {
      if (WeftCli.run(args) != 0) {
        throw new IllegalStateException("weft " + String.join(" ", args) + " failed");
      }
    } finally {
      System.clearProperty(DockerClients.HOST_PROPERTY);
    }
  }
}
