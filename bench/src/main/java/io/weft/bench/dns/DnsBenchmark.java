package io.weft.bench.dns;

import com.github.dockerjava.api.DockerClient;
import io.vertx.core.Vertx;
import io.weft.agent.dns.DnsServer;
import io.weft.agent.dns.NameIndex;
import io.weft.agent.dns.NameRecords;
import io.weft.agent.dns.QueryAnswerer;
import io.weft.agent.dns.wire.Dns;
import io.weft.agent.dns.wire.Queries;
import io.weft.bench.fleet.AgentMemory;
import io.weft.bench.fleet.Stats;
import io.weft.common.bus.CommandRequest;
import io.weft.common.bus.Target;
import io.weft.common.command.DnsArgs;
import io.weft.common.net.Cidr;
import io.weft.common.net.Ipv4;
import io.weft.common.process.HostProcess;
import io.weft.docker.agent.ExecChannel;
import io.weft.docker.agent.SessionChannel;
import io.weft.docker.engine.DockerClients;
import io.weft.docker.image.AgentImage;
import io.weft.docker.image.DebianBase;
import io.weft.shell.cli.WeftCli;
import io.weft.shell.interactive.ShellInterpreter;
import io.weft.shell.sandbox.Sandbox;
import io.weft.shell.sandbox.SandboxHost;
import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.net.SocketTimeoutException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * weft's DNS on a launched fleet of two sandbox hosts: lookup latency from a container for a
 * weft name and for a name the host's resolver answers, the time from {@code docker rm} on one
 * host to NXDOMAIN on the other, the queries per second one agent answers, and the agents'
 * memory before and after 10,000 records. The hosts' resolver is a weft DNS server this program
 * runs on the machine's underlay address, authoritative for outside.example.
 */
public final class DnsBenchmark {

  private static final String RESOLVER = "172.29.0.1";
  private static final String OUTSIDE_NAME = "www.outside.example";
  private static final int RECORDS = 10_000;

  public static void main(String[] args) throws Exception {
    int lookups = args.length > 0 ? Integer.parseInt(args[0]) : 2000;
    int removals = args.length > 1 ? Integer.parseInt(args[1]) : 10;
    Path home = Path.of(System.getProperty("weft.home"));
    Sandbox sandbox = Sandbox.standard(line -> { });
    List<SandboxHost> hosts = sandbox.up(2, AgentImage.fromBuildTree(home));
    Vertx vertx = Vertx.vertx();
    try {
      outsideResolver(vertx);
      for (SandboxHost host : hosts) {
        pointResolvConf(host, RESOLVER);
      }
      weft(hosts.get(0), "launch");
      weft(hosts.get(1), "launch", hosts.get(0).address());
      weft(hosts.get(0), "run", "--name", "web", DebianBase.IMAGE, "sleep", "infinity");
      weft(hosts.get(1), "run", "--name", "client", DebianBase.IMAGE, "sleep", "infinity");
      String server = dnsServer(hosts.get(1));
      int clientPid = pid(hosts.get(1), "client");
      try (DnsProbe probe = DnsProbe.inNamespaceOf(clientPid, server)) {
        Stats weftName = latency(probe, "web.weft.local", lookups);
        Stats forwarded = latency(probe, OUTSIDE_NAME, lookups / 2);
        Stats removed = removals(hosts, probe, removals);
        double qps = queriesPerSecond(clientPid, server, "web.weft.local", 5);
        long[] before = {AgentMemory.residentKb(hosts.get(0)), AgentMemory.residentKb(hosts.get(1))};
        long added = addRecords(hosts.get(0), RECORDS);
        awaitName(probe, "r" + (RECORDS - 1) + ".weft.local");
        Stats with10k = latency(probe, "r5000.weft.local", lookups);
        long[] after = {AgentMemory.residentKb(hosts.get(0)), AgentMemory.residentKb(hosts.get(1))};
        System.out.printf(Locale.ROOT, "lookup from a container, weft name (%d): p50 %.3f ms, p99 %.3f ms%n",
            weftName.count(), weftName.median(), weftName.percentile(99));
        System.out.printf(Locale.ROOT, "lookup from a container, forwarded name (%d): p50 %.3f ms, p99 %.3f ms%n",
            forwarded.count(), forwarded.median(), forwarded.percentile(99));
        System.out.printf(Locale.ROOT, "docker rm on host1 to NXDOMAIN on host2 (%d): median %.0f ms, %.0f..%.0f%n",
            removed.count(), removed.median(), removed.percentile(0), removed.percentile(100));
        System.out.printf(Locale.ROOT, "queries per second one agent answers (weft name, 5 s, client on the same 2 cores): %.0f%n", qps);
        System.out.printf(Locale.ROOT, "agent resident memory: %d and %d MB before, %d and %d MB with %d records added in %d ms%n",
            before[0] / 1024, before[1] / 1024, after[0] / 1024, after[1] / 1024, RECORDS, added);
        System.out.printf(Locale.ROOT, "lookup with %d records (%d): p50 %.3f ms, p99 %.3f ms%n",
            RECORDS, with10k.count(), with10k.median(), with10k.percentile(99));
        System.out.printf(Locale.ROOT, "dns weft_p50_ms=%.3f weft_p99_ms=%.3f forwarded_p50_ms=%.3f forwarded_p99_ms=%.3f"
                + " rm_to_nxdomain_ms=%.0f qps=%.0f rss_mb_10k=%d%n",
            weftName.median(), weftName.percentile(99), forwarded.median(), forwarded.percentile(99),
            removed.median(), qps, after[1] / 1024);
      }
    } finally {
      System.clearProperty(DockerClients.HOST_PROPERTY);
      vertx.close();
      sandbox.down();
    }
  }

  /** Lookups one after another, after a warm-up of a tenth as many. */
  private static Stats latency(DnsProbe probe, String name, int count) throws Exception {
    for (int i = 0; i < count / 10; i++) {
      probe.ask(name);
    }
    Stats stats = new Stats();
    for (int i = 0; i < count; i++) {
      long start = System.nanoTime();
      int[] answer = probe.ask(name);
      stats.add((System.nanoTime() - start) / 1e6);
      if (answer[0] != Dns.NOERROR || answer[1] == 0) {
        throw new IllegalStateException(name + " answered rcode " + answer[0] + " with " + answer[1] + " records");
      }
    }
    return stats;
  }

  /** A container made on host1, seen on host2, then removed: how long until host2 says NXDOMAIN. */
  private static Stats removals(List<SandboxHost> hosts, DnsProbe probe, int rounds) throws Exception {
    Stats stats = new Stats();
    try (DockerClient host1 = DockerClients.forHost(hosts.get(0).dockerHost())) {
      for (int i = 0; i < rounds; i++) {
        String name = "gone" + i;
        weft(hosts.get(0), "run", "--name", name, DebianBase.IMAGE, "sleep", "infinity");
        awaitName(probe, name + ".weft.local");
        long start = System.nanoTime();
        host1.removeContainerCmd(name).withForce(true).exec();
        while (probe.ask(name + ".weft.local")[0] != Dns.NXDOMAIN) {
          if (System.nanoTime() - start > TimeUnit.SECONDS.toNanos(10)) {
            throw new IllegalStateException(name + " still answers 10 s after docker rm");
          }
        }
        stats.add((System.nanoTime() - start) / 1e6);
      }
    }
    return stats;
  }

  /**
   * As many queries as one agent answers in {@code seconds}, with up to 128 in flight: a sender
   * and a receiver on one socket in the client container's namespace.
   */
  private static double queriesPerSecond(int pid, String server, String name, int seconds) throws Exception {
    try (DnsProbe probe = DnsProbe.inNamespaceOf(pid, server)) {
      Semaphore window = new Semaphore(128);
      AtomicLong answered = new AtomicLong();
      long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
      Thread receiver = new Thread(() -> {
        while (System.nanoTime() < end) {
          try {
            probe.receive();
            answered.incrementAndGet();
            window.release();
          } catch (SocketTimeoutException lost) {
            window.drainPermits();
            window.release(128);
          } catch (Exception closed) {
            return;
          }
        }
      });
      receiver.start();
      byte[] query = Queries.of(1, name, Dns.TYPE_A, 0);
      long start = System.nanoTime();
      while (System.nanoTime() < end) {
        if (window.tryAcquire(100, TimeUnit.MILLISECONDS)) {
          probe.send(query);
        }
      }
      receiver.join(5000);
      return answered.get() / ((System.nanoTime() - start) / 1e9);
    }
  }

  /** {@code dns-add} of {@code count} names, one address each, through a weft shell session; ms taken. */
  private static long addRecords(SandboxHost host, int count) throws Exception {
    long start = System.nanoTime();
    try (DockerClient docker = DockerClients.forHost(host.dockerHost());
        SessionChannel session = SessionChannel.open(docker)) {
      ByteArrayOutputStream failures = new ByteArrayOutputStream();
      ShellInterpreter shell = new ShellInterpreter(session, new PrintStream(OutputStream.nullOutputStream()),
          new PrintStream(failures, true));
      Ipv4 first = Ipv4.parse("10.40.0.1");
      for (int i = 0; i < count; i++) {
        shell.execute(List.of("dns-add", first.plus(i).toString(), "-h", "r" + i));
      }
      if (failures.size() > 0) {
        throw new IllegalStateException("dns-add failed: " + failures);
      }
    }
    return (System.nanoTime() - start) / 1_000_000;
  }

  private static void awaitName(DnsProbe probe, String name) throws Exception {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
    while (probe.ask(name)[1] == 0) {
      if (System.nanoTime() > deadline) {
        throw new IllegalStateException(name + " not answered within 30 s");
      }
    }
  }

  /** A weft DNS server authoritative for outside.example, as the hosts' resolver. */
  private static void outsideResolver(Vertx vertx) throws Exception {
    Map<String, String> map = new HashMap<>();
    new NameRecords("outside", map, null).add(OUTSIDE_NAME, List.of(Ipv4.parse("198.51.100.7")));
    NameIndex index = new NameIndex(host -> true);
    index.sync(map);
    DnsServer server = new DnsServer(new QueryAnswerer(index, "outside.example", Cidr.parse("10.32.0.0/12")), List::of);
    vertx.deployVerticle(server).toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    server.listenOn(Ipv4.parse(RESOLVER)).toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
  }

  /** The host's resolv.conf as its engine sees it: a file bound over it in the engine's mount namespace. */
  private static void pointResolvConf(SandboxHost host, String server) throws Exception {
    Path file = host.dir().resolve("resolv.conf");
    Files.writeString(file, "nameserver " + server + "\n");
    String pid = Files.readString(host.pidFile()).strip();
    HostProcess.of("nsenter", "--mount=/proc/" + pid + "/ns/mnt", "mount", "--bind", file.toString(),
        "/etc/resolv.conf").run();
  }

  private static void weft(SandboxHost host, String... args) {
    System.setProperty(DockerClients.HOST_PROPERTY, host.dockerHost());
    PrintStream out = System.out;
    try {
      System.setOut(new PrintStream(OutputStream.nullOutputStream()));
      if (WeftCli.run(args) != 0) {
        throw new IllegalStateException("weft " + String.join(" ", args) + " failed on " + host.name());
      }
    } finally {
      System.setOut(out);
      System.clearProperty(DockerClients.HOST_PROPERTY);
    }
  }

  private static String dnsServer(SandboxHost host) throws Exception {
    try (DockerClient docker = DockerClients.forHost(host.dockerHost())) {
      DnsArgs ask = new DnsArgs();
      return new ExecChannel(docker).command(new CommandRequest(Target.SELF, ask)).get(0).result(ask).server();
    }
  }

  private static int pid(SandboxHost host, String container) throws Exception {
    try (DockerClient docker = DockerClients.forHost(host.dockerHost())) {
      return docker.inspectContainerCmd(container).exec().getState().getPidLong().intValue();
    }
  }

}
