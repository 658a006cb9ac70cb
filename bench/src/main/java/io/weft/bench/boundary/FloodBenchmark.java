package io.weft.bench.boundary;

import io.vertx.core.Vertx;
import io.vertx.core.net.NetSocket;
import io.weft.bench.fleet.ChainLaunch;
import io.weft.bench.fleet.Stats;
import io.weft.common.process.ProcessResult;
import io.weft.docker.engine.DockerClients;
import io.weft.docker.image.AgentImage;
import io.weft.docker.image.DebianBase;
import io.weft.shell.cli.WeftCli;
import io.weft.shell.sandbox.Sandbox;
import io.weft.shell.sandbox.SandboxHost;
import io.weft.shell.sandbox.SandboxLock;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * {@code bench/run floods [SECONDS] [SAMPLES]}: a launched fleet of three; host2's agent under
 * each flood of issue 21 in turn, for SECONDS each: its heap and resident memory at rest and at
 * the flood's end, {@code weft ps} on host2 (SAMPLES of them, the median) and {@code docker run
 * --net=weft} there (Docker's plugin calls to the agent) at rest and during the flood, and
 * whether it restarted. Then a credential revoked on host1: how long until host3
 * closes a connection open with it, and refuses a new one.
 */
public final class FloodBenchmark {

  /** Connections to 6783, 6785 and 6786 closed as accepted, for too many handshakes under way. */

  /** A docker run slower than this prints what the agent logged during it. */
  private static final double SLOW_RUN_MILLIS = 5000;

  private FloodBenchmark() {}

  public static void main(String[] args) throws Exception {
    int seconds = args.length > 0 ? Integer.parseInt(args[0]) : 20;
    int samples = args.length > 1 ? Integer.parseInt(args[1]) : 9;
    Path home = Path.of(System.getProperty("weft.home"));
    SandboxLock.holdForThisProcess(line -> System.out.println("sandbox: " + line));
    Sandbox sandbox = Sandbox.standard(line -> { });
    List<SandboxHost> hosts = sandbox.up(3, AgentImage.fromBuildTree(home));
    Vertx vertx = Vertx.vertx();
    try {
      ChainLaunch.launch(hosts);
      SandboxHost host1 = hosts.get(0);
      SandboxHost host2 = hosts.get(1);
      weft(host2, "run", "--name", "web", DebianBase.IMAGE, "sleep", "infinity");
      Path credential = Files.createTempDirectory("weft-bench-flood");
      weft(host1, "credentials", "flood", credential.toString());
      String dns = AgentVitals.dnsAddress(host2);
      Stats rest = psTimes(host2, samples);
      Stats runsAtRest = new Stats();
      for (int i = 0; i < Math.max(3, samples / 3); i++) {
        runsAtRest.add(dockerRunMillis(host2));
      }
      double heapAtRest = AgentVitals.heapMb(host2);
      double rssAtRest = AgentVitals.rssMb(host2);
      System.out.printf(Locale.ROOT, "at rest: heap %.1f MB, resident %.1f MB, weft ps p50 %.0f ms (%d),"
              + " docker run --net=weft p50 %.0f ms (%d)%n",
          heapAtRest, rssAtRest, rest.median(), rest.count(), runsAtRest.median(), runsAtRest.count());
      StringBuilder last = new StringBuilder("floods ps_rest_ms=" + Math.round(rest.median())
          + " run_rest_ms=" + Math.round(runsAtRest.median()));
      String[] names = {"padded_ps", "dns_pipeline", "api_bodies", "tls_handshakes", "wireguard_initiations"};
      for (int i = 0; i < names.length; i++) {
        AgentVitals.Life before = AgentVitals.life(host2);
        double turnedAwayBefore = AgentVitals.counter(host2, AgentVitals.TURNED_AWAY);
        Floods.Flood flood = switch (i) {
          case 0 -> Floods.paddedPs(vertx, credential, host1, host2.name());
          case 1 -> Floods.dnsPipeline(host2, dns, "web.weft.local", 2);
          case 2 -> Floods.oversizedBodies(host2, 2);
          case 3 -> Floods.handshakes(host2.address(), 2);
          default -> Floods.wireGuardInitiations(host2.address());
        };
        Stats during;
        Stats runs = new Stats();
        double heap;
        double rss;
        double peakRss = 0;
        try {
          long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
          during = new Stats();
          while (System.nanoTime() < end || during.count() < samples) {
            double ps = AgentVitals.psMillis(host2, null);
            if (ps < 0) {
              throw new IllegalStateException("weft ps failed on host2 under " + names[i]);
            }
            during.add(ps);
            peakRss = Math.max(peakRss, AgentVitals.rssMb(host2));
            if (during.count() % 3 == 0) {
              runs.add(dockerRunMillis(host2));
            }
          }
          heap = AgentVitals.heapMb(host2);
          rss = AgentVitals.rssMb(host2);
        } finally {
          flood.close();
        }
        if (i == 4) {
          System.out.printf(Locale.ROOT, "%s: %d datagrams sent in %d s%n", names[i], flood.sent(), seconds);
          last.append(" ").append(names[i]).append("_sent=").append(flood.sent());
        }
        boolean restarted = !before.equals(AgentVitals.life(host2));
        long turnedAway = Math.round(AgentVitals.counter(host2, AgentVitals.TURNED_AWAY) - turnedAwayBefore);
        System.out.printf(Locale.ROOT, "%s for %d s: heap %.1f MB, resident %.1f MB (at most %.1f), weft ps p50 %.0f ms"
                + " p90 %.0f ms (%d) against %.0f at rest, docker run --net=weft p50 %.0f ms max %.0f ms (%d)"
                + " against %.0f at rest, TLS connections turned away %d, restarted: %s%n", names[i], seconds, heap,
            rss, peakRss, during.median(), during.percentile(90), during.count(), rest.median(), runs.median(),
            runs.percentile(100), runs.count(), runsAtRest.median(), turnedAway, restarted ? "YES" : "no");
        last.append(String.format(Locale.ROOT, " %s_heap_mb=%.0f %s_rss_mb=%.0f %s_ps_ms=%d %s_run_ms=%d"
                + " %s_turned_away=%d %s_restarted=%s", names[i], heap, names[i], peakRss, names[i],
            Math.round(during.median()), names[i], Math.round(runs.median()), names[i], turnedAway, names[i], restarted));
      }
      double[] revocation = revocation(vertx, host1, hosts.get(2));
      System.out.printf(Locale.ROOT, "revoked on host1: host3 closed the open connection %.0f ms and refused a new"
          + " one %.0f ms after weft credentials --revoke returned%n", revocation[0], revocation[1]);
      last.append(String.format(Locale.ROOT, " revoke_to_close_ms=%.0f revoke_to_refusal_ms=%.0f",
          revocation[0], revocation[1]));
      System.out.println(last);
    } finally {
      System.clearProperty(DockerClients.HOST_PROPERTY);
      vertx.close();
      sandbox.down();
    }
  }

  private static Stats psTimes(SandboxHost host, int samples) {
    AgentVitals.psMillis(host, null); // warm
    Stats stats = new Stats();
    for (int i = 0; i < samples; i++) {
      stats.add(AgentVitals.psMillis(host, null));
    }
    return stats;
  }

  /** How long {@code docker run --rm --net=weft} of a container that exits at once takes on {@code host}. */
  private static double dockerRunMillis(SandboxHost host) {
    long since = System.currentTimeMillis() / 1000;
    long start = System.nanoTime();
    if (Floods.docker(host, "run", "--rm", "--net=weft", DebianBase.IMAGE, "true").exitCode() != 0) {
      throw new IllegalStateException("docker run --net=weft failed on " + host.name());
    }
    double millis = (System.nanoTime() - start) / 1e6;
    if (millis > SLOW_RUN_MILLIS) {
      // what names the cause: the agent's own lines while Docker waited on it
      ProcessResult said = Floods.docker(host, "logs", "--since", String.valueOf(since), "weft");
      List<String> lines = (said.stdout() + said.stderr()).lines().toList();
      System.out.printf(Locale.ROOT, "slow docker run --net=weft on %s: %.0f ms; its agent logged meanwhile:%n%s%n",
          host.name(), millis, String.join("\n", lines.subList(Math.max(0, lines.size() - 30), lines.size())));
    }
    return millis;
  }

  /** Milliseconds from the revocation's return to host3 closing an open connection, and to it refusing a new one. */
  private static double[] revocation(Vertx vertx, SandboxHost host1, SandboxHost host3) throws Exception {
    Path credential = Files.createTempDirectory("weft-bench-revoke");
    weft(host1, "credentials", "leaked", credential.toString());
    NetSocket open = BridgeCheck.connect(vertx, credential, host3);
    CompletableFuture<Long> closed = new CompletableFuture<>();
    open.closeHandler(v -> closed.complete(System.nanoTime()));
    weft(host1, "credentials", "--revoke", "leaked");
    long returned = System.nanoTime();
    long closedAt = closed.get(30, TimeUnit.SECONDS);
    long refusedAt = 0;
    while (refusedAt == 0) {
      if (!BridgeCheck.answersPing(vertx, credential, host3)) {
        refusedAt = System.nanoTime();
      }
    }
    return new double[] {(closedAt - returned) / 1e6, (refusedAt - returned) / 1e6};
  }

  private static void weft(SandboxHost host, String... args) {
    System.setProperty(DockerClients.HOST_PROPERTY, host.dockerHost());
    try {
      if (WeftCli.run(args) != 0) {
        throw new IllegalStateException("weft " + String.join(" ", args) + " failed on " + host.name());
      }
    } finally {
      System.clearProperty(DockerClients.HOST_PROPERTY);
    }
  }
}
