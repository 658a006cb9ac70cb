package io.weft.bench.scale;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.model.HostConfig;
import com.github.dockerjava.api.model.RestartPolicy;
import io.weft.bench.fleet.ChainLaunch;
import io.weft.bench.fleet.Stats;
import io.weft.common.process.HostProcess;
import io.weft.docker.agent.AgentContainer;
import io.weft.docker.engine.DockerClients;
import io.weft.docker.image.AgentImage;
import io.weft.docker.image.DebianBase;
import io.weft.shell.cli.WeftCli;
import io.weft.shell.sandbox.Sandbox;
import io.weft.shell.sandbox.SandboxHost;
import io.weft.shell.sandbox.SandboxLock;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * {@code bench/run rejoin [ROUNDS]}: a launched fleet of three, a container on host1 pinging one
 * on host2 (restart policy always) ten times a second; then, ROUNDS times each, host2's agent is
 * killed ({@code kill -9}, Docker starts it again), restarted ({@code docker restart weft}), and
 * host2 crashes and boots ({@code weft sandbox restart}). For each: how long cross-host traffic
 * stopped, and when it was back counted from the new agent's start (and, for the reboot, from
 * the engine answering); traffic that never stopped is back at 0.
 */
public final class RejoinBenchmark {

  private static final String FROM = "10.32.202.1";
  private static final String TO = "10.32.202.2";
  private static final Duration BOUND = Duration.ofSeconds(90);

  private RejoinBenchmark() {}

  public static void main(String[] args) throws Exception {
    int rounds = args.length > 0 ? Integer.parseInt(args[0]) : 3;
    Path home = Path.of(System.getProperty("weft.home"));
    SandboxLock.holdForThisProcess(line -> System.out.println("sandbox: " + line));
    Sandbox sandbox = Sandbox.standard(line -> { });
    List<SandboxHost> hosts = sandbox.up(3, AgentImage.fromBuildTree(home));
    SandboxHost host1 = hosts.get(0);
    SandboxHost host2 = hosts.get(1);
    try {
      ChainLaunch.launch(hosts);
      List<String> ping = pingFrom(host1, host2);
      Stats killed = new Stats();
      Stats restarted = new Stats();
      Stats rebootAgent = new Stats();
      Stats rebootEngine = new Stats();
      for (int i = 0; i < rounds; i++) {
        killed.add(round("kill -9 of host2's agent", ping, host2, () -> {
          long pid = agentPid(host2);
          HostProcess.of("kill", "-9", String.valueOf(pid)).run();
          awaitNewAgent(host2, pid);
        }).afterAgent());
        restarted.add(round("docker restart weft on host2", ping, host2, () ->
            HostProcess.of("docker", "-H", host2.dockerHost(), "restart", AgentContainer.NAME)
                .timeoutSeconds(120).run()).afterAgent());
        long[] engineUp = new long[1];
        Back reboot = round("host2 crashed and booted", ping, host2, () -> {
          sandbox.restart(host2.name());
          engineUp[0] = System.currentTimeMillis();
          awaitNewAgent(host2, -1);
        });
        rebootAgent.add(reboot.afterAgent());
        rebootEngine.add(reboot.backAt() - engineUp[0]);
      }
      System.out.printf(Locale.ROOT, "rejoin rounds=%d killed_back_after_agent_ms=%.0f restarted_back_after_agent_ms=%.0f"
          + " reboot_back_after_agent_ms=%.0f reboot_back_after_engine_ms=%.0f%n", rounds, killed.median(),
          restarted.median(), rebootAgent.median(), rebootEngine.median());
    } finally {
      System.clearProperty(DockerClients.HOST_PROPERTY);
      sandbox.down();
    }
  }

  /** When traffic was back: the wall clock, and after the new agent's start (0 if never stopped). */
  record Back(long backAt, double afterAgent) {}

  interface Step {
    void run() throws Exception;
  }

  private static Back round(String what, List<String> ping, SandboxHost host, Step step) throws Exception {
    try (Pinger pinger = Pinger.start(ping)) {
      long began = System.currentTimeMillis();
      step.run();
      Instant agentStart;
      try (DockerClient docker = DockerClients.forHost(host.dockerHost())) {
        agentStart = Instant.parse(docker.inspectContainerCmd(AgentContainer.NAME).exec().getState().getStartedAt());
      }
      // back: traffic answering again, and still answering a second later
      long end = System.currentTimeMillis() + BOUND.toMillis();
      while (!pinger.steadySince(Math.max(began, agentStart.toEpochMilli()), 1000)) {
        if (System.currentTimeMillis() > end) {
          throw new IllegalStateException(what + ": traffic not back within " + BOUND.toSeconds() + " s");
        }
        Thread.sleep(100); // polling interval of the check, not a stand-in for it
      }
      long lastFailure = pinger.lastFailureSince(began);
      long back = lastFailure < 0 ? began : pinger.firstSuccessAfter(lastFailure);
      double afterAgent = lastFailure < 0 ? 0 : Math.max(0, back - agentStart.toEpochMilli());
      System.out.printf(Locale.ROOT, "%s: traffic %s; back %.0f ms after the new agent started%n", what,
          lastFailure < 0 ? "never stopped" : "stopped for " + (back - pinger.firstFailureSince(began)) + " ms",
          afterAgent);
      return new Back(back, afterAgent);
    }
  }

  /** A ping every 100 ms, each outcome kept with its time. */
  private static final class Pinger implements AutoCloseable {
    private final List<long[]> outcomes = new ArrayList<>();
    private final Thread thread;
    private volatile boolean running = true;

    private Pinger(List<String> ping) {
      thread = new Thread(() -> {
        while (running) {
          long at = System.currentTimeMillis();
          int ok = HostProcess.of(ping).runAllowingFailure().exitCode() == 0 ? 1 : 0;
          synchronized (outcomes) {
            outcomes.add(new long[] {at, ok});
          }
          long left = at + 100 - System.currentTimeMillis();
          if (left > 0) {
            try {
              Thread.sleep(left); // the pinging period
            } catch (InterruptedException e) {
              return;
            }
          }
        }
      }, "pinger");
      thread.start();
    }

    static Pinger start(List<String> ping) {
      return new Pinger(ping);
    }

    /** True when {@code millis} have passed since {@code since} and every ping in them answered. */
    boolean steadySince(long since, long millis) {
      long now = System.currentTimeMillis();
      if (now - since < millis) {
        return false;
      }
      boolean any = false;
      synchronized (outcomes) {
        for (long[] o : outcomes) {
          if (o[0] >= now - millis) {
            any = true;
            if (o[1] == 0) {
              return false;
            }
          }
        }
      }
      return any;
    }

    long lastFailureSince(long since) {
      synchronized (outcomes) {
        long last = -1;
        for (long[] o : outcomes) {
          if (o[0] >= since && o[1] == 0) {
            last = o[0];
          }
        }
        return last;
      }
    }

    long firstFailureSince(long since) {
      synchronized (outcomes) {
        for (long[] o : outcomes) {
          if (o[0] >= since && o[1] == 0) {
            return o[0];
          }
        }
        return since;
      }
    }

    long firstSuccessAfter(long at) {
      synchronized (outcomes) {
        for (long[] o : outcomes) {
          if (o[0] > at && o[1] == 1) {
            return o[0];
          }
        }
        return System.currentTimeMillis();
      }
    }

    @Override
    public void close() throws InterruptedException {
      running = false;
      thread.join();
    }
  }

  /** A container on each host on weft, restart policy always, and the ping between them. */
  private static List<String> pingFrom(SandboxHost from, SandboxHost to) throws Exception {
    String a = container(from, FROM);
    container(to, TO);
    long pid;
    try (DockerClient docker = DockerClients.forHost(from.dockerHost())) {
      pid = docker.inspectContainerCmd(a).exec().getState().getPidLong();
    }
    List<String> ping = new ArrayList<>(List.of("nsenter", "--net=/proc/" + pid + "/ns/net",
        "ping", "-c", "1", "-W", "0.1", TO));
    long end = System.currentTimeMillis() + BOUND.toMillis();
    while (HostProcess.of(ping).runAllowingFailure().exitCode() != 0) {
      if (System.currentTimeMillis() > end) {
        throw new IllegalStateException(TO + " not reachable from " + from.name());
      }
    }
    return ping;
  }

  private static String container(SandboxHost host, String address) throws Exception {
    String id;
    try (DockerClient docker = DockerClients.forHost(host.dockerHost())) {
      id = docker.createContainerCmd(DebianBase.IMAGE).withCmd("sleep", "infinity")
          .withHostConfig(HostConfig.newHostConfig().withRestartPolicy(RestartPolicy.alwaysRestart()))
          .exec().getId();
      docker.startContainerCmd(id).exec();
    }
    System.setProperty(DockerClients.HOST_PROPERTY, host.dockerHost());
    try {
      if (WeftCli.run("attach", address + "/12", id) != 0) {
        throw new IllegalStateException("attach failed on " + host.name());
      }
    } finally {
      System.clearProperty(DockerClients.HOST_PROPERTY);
    }
    return id;
  }

  private static long agentPid(SandboxHost host) throws Exception {
    try (DockerClient docker = DockerClients.forHost(host.dockerHost())) {
      return docker.inspectContainerCmd(AgentContainer.NAME).exec().getState().getPidLong();
    }
  }

  /** Waits until Docker runs a new agent process (not {@code old}) on {@code host}. */
  private static void awaitNewAgent(SandboxHost host, long old) throws Exception {
    long end = System.currentTimeMillis() + BOUND.toMillis();
    while (System.currentTimeMillis() < end) {
      try {
        long pid = agentPid(host);
        if (pid > 0 && pid != old) {
          return;
        }
      } catch (RuntimeException engineNotYetUp) {
        // the engine is booting
      }
      Thread.sleep(50); // polling interval of the check, not a stand-in for it
    }
    throw new IllegalStateException("no new agent on " + host.name() + " within " + BOUND.toSeconds() + " s");
  }
}
