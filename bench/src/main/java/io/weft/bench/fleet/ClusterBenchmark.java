package io.weft.bench.fleet;

import com.github.dockerjava.api.DockerClient;
import io.vertx.core.json.DecodeException;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.weft.common.process.HostProcess;
import io.weft.common.process.ProcessResult;
import io.weft.docker.agent.AgentContainer;
import io.weft.docker.agent.SessionChannel;
import io.weft.docker.engine.DockerClients;
import io.weft.docker.image.AgentImage;
import io.weft.docker.image.DebianBase;
import io.weft.shell.cli.WeftCli;
import io.weft.shell.interactive.ShellInterpreter;
import io.weft.shell.sandbox.Sandbox;
import io.weft.shell.sandbox.SandboxLock;
import io.weft.shell.sandbox.SandboxHost;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * {@code bench/run cluster [ROUND_TRIPS] [plain]}: a fresh three-host sandbox, weft launched on
 * each (its traffic not encrypted with {@code plain}, to compare with figures from before the
 * wire was encrypted), then in one run:
 * the time from launch to joined; a command's round trip from host1 to host3; throughput
 * between containers on host1 and host3 over weft, over a hand-built kernel VXLAN between the
 * same hosts, and over the underlay; the agents' resident memory; how soon a stranger on the
 * underlay, without the fleet's password, is dropped.
 */
public final class ClusterBenchmark {

  public static void main(String[] args) throws Exception {
    int roundTrips = args.length > 0 ? Integer.parseInt(args[0]) : 500;
    // a fleet whose traffic is not encrypted, to set beside figures from before the wire was encrypted
    boolean plain = args.length > 1 && args[1].equals("plain");
    Path home = Path.of(System.getProperty("weft.home"));
    SandboxLock.holdForThisProcess(line -> System.out.println("sandbox: " + line));
    Sandbox sandbox = Sandbox.standard(line -> { });
    List<SandboxHost> hosts = sandbox.up(3, AgentImage.fromBuildTree(home));
    SandboxHost host1 = hosts.get(0);
    SandboxHost host3 = hosts.get(2);
    try {
      double[] launch = ChainLaunch.launch(hosts, plain).stream().mapToDouble(Double::doubleValue).toArray();
      long[] rss = new long[3];
      for (int i = 0; i < 3; i++) {
        rss[i] = AgentMemory.residentKb(hosts.get(i));
      }
      Stats trip = RoundTrip.measure(host1, "host3", roundTrips);
      Stats typed = ShellRoundTrip.measure(host1, "host3", roundTrips);
      Throughput throughput = Throughput.medianOf(3, host1, host3);
      Map<String, JsonObject> strangers = Strangers.tryOn(host1);
      Reboot reboot = Reboot.measure(sandbox, host1, hosts.get(1));
      double killed = DeadHost.millisUntilKilledAgentDropped(host1, host3);
      // host2 is cut off from a fleet of three, as the bench's fleet is: a third host witnesses
      DeadHost.launchAgainAndAwait(host1, host3);
      Stats cutOffs = new Stats();
      for (int i = 0; i < 3; i++) {
        cutOffs.add(DeadHost.millisUntilCutOffHostDropped(host1, hosts.get(1)));
      }
      double cutOff = cutOffs.median();
      System.out.printf(Locale.ROOT, "launch to joined: host1 %.0f ms, host2 %.0f ms, host3 %.0f ms%n",
          launch[0], launch[1], launch[2]);
      System.out.printf(Locale.ROOT, "round trip host1->host3 (status, %d runs): p50 %.2f ms, p99 %.2f ms%n",
          trip.count(), trip.median(), trip.percentile(99));
      System.out.printf(Locale.ROOT, "weft shell on host1, 'status --host host3' typed to reply (%d runs): p50 %.2f ms, p99 %.2f ms%n",
          typed.count(), typed.median(), typed.percentile(99));
      System.out.printf(Locale.ROOT, "iperf3 3 s, median of 3 interleaved runs: weft %.2f Gbit/s, "
          + "hand-built vxlan %.2f Gbit/s, underlay %.2f Gbit/s%n",
          throughput.weft(), throughput.vxlan(), throughput.underlay());
      System.out.printf(Locale.ROOT, "agent resident memory after start: %d, %d, %d MB%n",
          rss[0] / 1024, rss[1] / 1024, rss[2] / 1024);
      strangers.forEach((mode, outcome) -> System.out.printf(Locale.ROOT,
          "a stranger on the underlay, %s: %s after %d ms (%s)%n", mode,
          outcome.getBoolean("accepted", false) ? "GOT IN" : "dropped", outcome.getLong("millis", -1L),
          outcome.getString("detail")));
      System.out.printf(Locale.ROOT, "host2 crashed and booted: a container on host1 reaches its container's "
          + "address again %.0f ms after host2's engine answered, %.0f ms after its agent started%n",
          reboot.afterEngine(), reboot.afterAgent());
      System.out.printf(Locale.ROOT, "agent of host3 killed (kill -9): host1's peer table dropped it after %.0f ms "
          + "(its data plane lives on: the tunnels stay)%n",
          killed);
      System.out.printf(Locale.ROOT, "host2 cut off (its underlay link down) from a fleet of three, 3 times: host1's peer table dropped it after %.0f ms (median), %.0f..%.0f%n",
          cutOff, cutOffs.percentile(0), cutOffs.percentile(100));
      System.out.printf(Locale.ROOT,
          "cluster roundtrip_p50_ms=%.2f roundtrip_p99_ms=%.2f shell_p50_ms=%.2f weft_gbps=%.2f vxlan_gbps=%.2f underlay_gbps=%.2f"
              + " weft_vs_vxlan=%.3f weft_vs_underlay=%.3f rss_mb=%d launch_ms=%.0f killed_noticed_ms=%.0f"
              + " cut_off_noticed_ms=%.0f reboot_after_agent_ms=%.0f%n",
          trip.median(), trip.percentile(99), typed.median(), throughput.weft(), throughput.vxlan(), throughput.underlay(),
          throughput.weft() / throughput.vxlan(), throughput.weft() / throughput.underlay(),
          rss[0] / 1024, launch[2], killed, cutOff, reboot.afterAgent());
    } finally {
      System.clearProperty(DockerClients.HOST_PROPERTY);
      sandbox.down();
    }
  }

  /**
   * A host crashes and boots (sandbox restart): how long until a container elsewhere reaches its
   * container, which has a restart policy, on the same weft address again.
   */
  record Reboot(double afterEngine, double afterAgent) {
    static Reboot measure(Sandbox sandbox, SandboxHost observer, SandboxHost victim) throws Exception {
      String survivor;
      try (DockerClient a = DockerClients.forHost(observer.dockerHost());
          DockerClient b = DockerClients.forHost(victim.dockerHost())) {
        survivor = Throughput.start(a);
        String crashing = b.createContainerCmd(DebianBase.IMAGE).withCmd("sleep", "infinity")
            .withHostConfig(com.github.dockerjava.api.model.HostConfig.newHostConfig()
                .withRestartPolicy(com.github.dockerjava.api.model.RestartPolicy.alwaysRestart()))
            .exec().getId();
        b.startContainerCmd(crashing).exec();
        System.setProperty(DockerClients.HOST_PROPERTY, observer.dockerHost());
        WeftCli.run("attach", "10.32.201.1/12", survivor);
        System.setProperty(DockerClients.HOST_PROPERTY, victim.dockerHost());
        WeftCli.run("attach", "10.32.201.2/12", crashing);
        List<String> ping = new ArrayList<>(Throughput.inContainer(a, survivor));
        ping.addAll(List.of("ping", "-c", "1", "-W", "0.2", "10.32.201.2"));
        // traffic before the crash, as in life: the survivor's ARP cache holds the old MAC
        if (HostProcess.of(ping).runAllowingFailure().exitCode() != 0) {
          throw new IllegalStateException("10.32.201.2 unreachable before " + victim.name() + " crashed");
        }
        sandbox.restart(victim.name());
        long engineUp = System.nanoTime();
        long bound = engineUp + 60_000_000_000L;
        while (HostProcess.of(ping).runAllowingFailure().exitCode() != 0) {
          if (System.nanoTime() > bound) {
            throw new IllegalStateException("10.32.201.2 unreachable 60 s after " + victim.name() + " booted");
          }
        }
        java.time.Instant reached = java.time.Instant.now();
        double afterEngine = (System.nanoTime() - engineUp) / 1e6;
        try (DockerClient booted = DockerClients.forHost(victim.dockerHost())) {
          java.time.Instant agentStarted = java.time.Instant.parse(booted.inspectContainerCmd(
              io.weft.docker.agent.AgentContainer.NAME).exec().getState().getStartedAt());
          return new Reboot(afterEngine, java.time.Duration.between(agentStarted, reached).toNanos() / 1e6);
        }
      }
    }
  }

  /** How long the fleet takes to notice a dead agent or host: its flood entry leaves another host. */
  static final class DeadHost {
    /** The agent's process dies; its host stays up, so its TCP connections are reset. */
    static double millisUntilKilledAgentDropped(SandboxHost observer, SandboxHost victim) throws Exception {
      // no restart while we watch: the policy would bring it back within the measurement
      // (docker-java's update has no restart policy; the docker CLI does)
      HostProcess.of("docker", "-H", victim.dockerHost(), "update", "--restart=no",
          io.weft.docker.agent.AgentContainer.NAME).run();
      long pid;
      try (DockerClient docker = DockerClients.forHost(victim.dockerHost())) {
        pid = docker.inspectContainerCmd(io.weft.docker.agent.AgentContainer.NAME).exec()
            .getState().getPidLong();
      }
      long start = System.nanoTime();
      HostProcess.of("kill", "-9", String.valueOf(pid)).run();
      // its data plane lives on without it (weft-wg, the kernel): the others keep forwarding to
      // it, so what goes is its membership, as the observer's peer table shows it
      return millisUntilUnlisted(observer, victim, start);
    }

    /** Starts the killed agent of {@code victim} again, with its restart policy, until {@code observer} lists it. */
    static void launchAgainAndAwait(SandboxHost observer, SandboxHost victim) throws Exception {
      // the fleet may drop the agent before its engine has taken in that it exited, and the engine
      // refuses to update a container it still counts as running ("cannot update a stopped container")
      awaitExited(victim);
      HostProcess.of("docker", "-H", victim.dockerHost(), "update", "--restart=unless-stopped",
          AgentContainer.NAME).run();
      HostProcess.of("docker", "-H", victim.dockerHost(), "start", AgentContainer.NAME).run();
      awaitListed(observer, victim);
    }

    /** Until {@code victim}'s engine counts its agent's container as exited, at most 30 s. */
    private static void awaitExited(SandboxHost victim) throws Exception {
      long bound = System.nanoTime() + 30_000_000_000L;
      try (DockerClient docker = DockerClients.forHost(victim.dockerHost())) {
        while (Boolean.TRUE.equals(docker.inspectContainerCmd(AgentContainer.NAME).exec().getState().getRunning())) {
          if (System.nanoTime() > bound) {
            throw new IllegalStateException(victim.name() + "'s engine still runs the killed agent after 30 s");
          }
          Thread.sleep(20); // polling interval of the check, bounded above
        }
      }
    }

    /** Until {@code observer}'s peer table lists {@code victim} again, at most 60 s. */
    private static void awaitListed(SandboxHost observer, SandboxHost victim) throws InterruptedException {
      Path view = peerView(observer);
      long bound = System.nanoTime() + 60_000_000_000L;
      while (!listsPeer(view, victim.name())) {
        if (System.nanoTime() > bound) {
          throw new IllegalStateException(victim.name() + " did not rejoin " + observer.name() + " within 60 s");
        }
        Thread.sleep(100); // polling interval of the check, bounded above
      }
    }

    private static double millisUntilUnlisted(SandboxHost observer, SandboxHost victim, long start)
        throws InterruptedException {
      Path view = peerView(observer);
      long bound = start + 30_000_000_000L;
      while (listsPeer(view, victim.name())) {
        if (System.nanoTime() > bound) {
          throw new IllegalStateException(observer.name() + " still lists " + victim.name() + " after 30 s");
        }
        Thread.sleep(5); // polling interval of the check, not a stand-in for it
      }
      return (System.nanoTime() - start) / 1e6;
    }

    /**
     * The observer's peer table, the file its agent rewrites on every change, read through the
     * agent's process: a read costs microseconds, where a {@code docker exec} of {@code cat} cost
     * about 200 ms, which the figure then carried (up to a poll's length).
     */
    private static Path peerView(SandboxHost observer) {
      try (DockerClient docker = DockerClients.forHost(observer.dockerHost())) {
        long pid = docker.inspectContainerCmd(AgentContainer.NAME).exec().getState().getPidLong();
        return Path.of("/proc", String.valueOf(pid), "root/var/lib/weft/peers-view.json");
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }

    private static boolean listsPeer(Path view, String name) {
      JsonObject table;
      try {
        table = new JsonObject(Files.readString(view)); // the agent renames each new table in whole
      } catch (IOException | DecodeException unread) {
        return true; // nothing said yet: the next poll reads it
      }
      for (Object o : table.getJsonArray("peers", new JsonArray())) {
        if (name.equals(((JsonObject) o).getString("name"))) {
          return true;
        }
      }
      return false;
    }

    /**
     * The host drops off the network: nothing is reset, heartbeats just stop. It comes back
     * after, and the two fleets merge again before this returns.
     */
    static double millisUntilCutOffHostDropped(SandboxHost observer, SandboxHost victim) throws Exception {
      long start = System.nanoTime();
      HostProcess.of("ip", "link", "set", victim.underlayLink(), "down").run();
      // as after a kill, its forwarding entries stay (a cut heals, and its traffic goes on then):
      // what goes is its membership
      double dropped = millisUntilUnlisted(observer, victim, start);
      HostProcess.of("ip", "link", "set", victim.underlayLink(), "up").run();
      awaitListed(observer, victim);
      return dropped;
    }
  }

  /**
   * Lines given to {@code weft shell}'s interpreter, as if typed, from this machine through
   * host1's Docker API and agent to host3, each until its reply is printed (to nowhere).
   */
  static final class ShellRoundTrip {
    static Stats measure(SandboxHost from, String to, int count) throws Exception {
      try (DockerClient docker = DockerClients.forHost(from.dockerHost());
          SessionChannel session = SessionChannel.open(docker)) {
        PrintStream nowhere = new PrintStream(OutputStream.nullOutputStream());
        java.io.ByteArrayOutputStream failures = new java.io.ByteArrayOutputStream();
        ShellInterpreter shell = new ShellInterpreter(session, nowhere,
            new PrintStream(failures, true));
        List<String> line = List.of("status", "--host", to);
        for (int i = 0; i < 50; i++) {
          shell.execute(line);
        }
        Stats stats = new Stats();
        for (int i = 0; i < count; i++) {
          long start = System.nanoTime();
          shell.execute(line);
          stats.add((System.nanoTime() - start) / 1e6);
        }
        if (failures.size() > 0) {
          throw new IllegalStateException("the shell's commands failed: " + failures);
        }
        return stats;
      }
    }
  }

  /** Commands from host1's agent API to host3, over a kept-alive connection to its socket. */
  static final class RoundTrip {
    static Stats measure(SandboxHost from, String to, int count) throws Exception {
      String out = HostProcess.of("java", "-XX:+UseSerialGC",
          "-cp", System.getProperty("java.class.path"), RoundTripClient.class.getName(),
          AgentMemory.apiSocket(from), to, String.valueOf(count)).timeoutSeconds(300).run();
      Stats stats = new Stats();
      for (String sample : out.strip().split("\\s+")) {
        stats.add(Double.parseDouble(sample));
      }
      return stats;
    }
  }

  /** {@code status} from {@code from}'s agent to host {@code to} with the agent's typed client, over the bus. */
  public static Stats jvmRoundTrips(SandboxHost from, String to, int count) throws Exception {
    return RoundTrip.measure(from, to, count);
  }

  /** iperf3 between two containers over weft, two namespaces over a hand-made VXLAN, two hosts. */
  record Throughput(double weft, double vxlan, double underlay) {
    /** Medians of {@code runs} rounds, each round measuring all three paths one after another. */
    static Throughput medianOf(int runs, SandboxHost a, SandboxHost b) throws Exception {
      Stats weft = new Stats();
      Stats vxlan = new Stats();
      Stats underlay = new Stats();
      for (int i = 0; i < runs; i++) {
        Throughput round = measure(a, b, "10.32.200." + (10 * i + 1), "10.32.200." + (10 * i + 3));
        weft.add(round.weft());
        vxlan.add(round.vxlan());
        underlay.add(round.underlay());
      }
      return new Throughput(weft.median(), vxlan.median(), underlay.median());
    }

    /** One round; the addresses are new each round, as the last round's are freed a moment later. */
    static Throughput measure(SandboxHost a, SandboxHost b, String addressA, String addressB)
        throws Exception {
      double weft;
      try (DockerClient da = DockerClients.forHost(a.dockerHost());
          DockerClient db = DockerClients.forHost(b.dockerHost())) {
        String ca = start(da);
        String cb = start(db);
        System.setProperty(DockerClients.HOST_PROPERTY, a.dockerHost());
        WeftCli.run("attach", addressA + "/12", ca);
        System.setProperty(DockerClients.HOST_PROPERTY, b.dockerHost());
        WeftCli.run("attach", addressB + "/12", cb);
        weft = iperf(inContainer(db, cb), inContainer(da, ca), addressB);
        da.removeContainerCmd(ca).withForce(true).exec();
        db.removeContainerCmd(cb).withForce(true).exec();
      }
      double vxlan = HandBuiltVxlan.measure(a, b);
      double underlay = iperf(List.of("ip", "netns", "exec", b.name()), List.of("ip", "netns", "exec", a.name()),
          b.address());
      return new Throughput(weft, vxlan, underlay);
    }

    static String start(DockerClient docker) {
      String id = docker.createContainerCmd(DebianBase.IMAGE).withCmd("sleep", "infinity").exec().getId();
      docker.startContainerCmd(id).exec();
      return id;
    }

    static List<String> inContainer(DockerClient docker, String id) {
      long pid = docker.inspectContainerCmd(id).exec().getState().getPidLong();
      return List.of("nsenter", "--net=/proc/" + pid + "/ns/net");
    }
  }

  /** Gbit/s from a 3 s iperf3 run: server started in one place, client in another. */
  static double iperf(List<String> serverPrefix, List<String> clientPrefix, String serverAddress) {
    List<String> server = new ArrayList<>(serverPrefix);
    server.addAll(List.of("iperf3", "-s", "-1", "-D"));
    HostProcess.of(server).run();
    List<String> client = new ArrayList<>(clientPrefix);
    client.addAll(List.of("iperf3", "-c", serverAddress, "-t", "3", "-J"));
    String json = null;
    for (int attempt = 0; attempt < 50 && json == null; attempt++) {
      ProcessResult result = HostProcess.of(client).runAllowingFailure();
      if (result.exitCode() == 0) {
        json = result.stdout(); // the daemon may take a moment to listen: try again until it does
      }
    }
    if (json == null) {
      throw new IllegalStateException("iperf3 did not connect to " + serverAddress);
    }
    return new JsonObject(json).getJsonObject("end").getJsonObject("sum_received")
        .getDouble("bits_per_second") / 1e9;
  }

  /** The reference: two namespaces joined by a VXLAN made with ip, between the same two hosts. */
  static final class HandBuiltVxlan {
    static double measure(SandboxHost a, SandboxHost b) {
      try {
        make(a, b, "10.99.0.1/24");
        make(b, a, "10.99.0.2/24");
        return iperf(List.of("ip", "netns", "exec", "ref-" + b.name()),
            List.of("ip", "netns", "exec", "ref-" + a.name()), "10.99.0.2");
      } finally {
        for (SandboxHost h : List.of(a, b)) {
          HostProcess.of("ip", "netns", "del", "ref-" + h.name()).runAllowingFailure();
          HostProcess.of("ip", "-n", h.name(), "link", "del", "vxref").runAllowingFailure();
          HostProcess.of("ip", "-n", h.name(), "link", "del", "brref").runAllowingFailure();
        }
      }
    }

    private static void make(SandboxHost host, SandboxHost peer, String address) {
      String ns = "ref-" + host.name();
      String h = host.name();
      run("ip", "netns", "add", ns);
      run("ip", "-n", h, "link", "add", "brref", "type", "bridge");
      run("ip", "-n", h, "link", "add", "vxref", "mtu", "1450", "type", "vxlan", "id", "99", "local",
          host.address(), "dev", "eth0", "dstport", "4790", "nolearning");
      run("ip", "-n", h, "link", "set", "vxref", "master", "brref", "up");
      run("ip", "-n", h, "link", "set", "brref", "up");
      run("bridge", "-n", h, "fdb", "append", "00:00:00:00:00:00", "dev", "vxref", "dst", peer.address());
      run("ip", "-n", h, "link", "add", "vref", "mtu", "1450", "type", "veth", "peer", "name", "eth0",
          "netns", ns);
      run("ip", "-n", h, "link", "set", "vref", "master", "brref", "up");
      run("ip", "-n", ns, "addr", "add", address, "dev", "eth0");
      run("ip", "-n", ns, "link", "set", "eth0", "up");
    }

    private static void run(String... command) {
      HostProcess.of(command).run();
    }
  }
}
