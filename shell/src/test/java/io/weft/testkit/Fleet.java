package io.weft.testkit;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.github.dockerjava.api.model.Container;
import com.github.dockerjava.api.model.Network;
import io.vertx.core.json.JsonObject;
import io.weft.docker.agent.AgentPeers;
import io.weft.docker.image.AgentImage;
import io.weft.shell.cli.CapturedRun;
import io.weft.shell.cli.PasswordFiles;
import io.weft.shell.sandbox.Sandbox;
import io.weft.shell.sandbox.SandboxLock;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * Hosts of a sandbox that a test class works with, launched as one fleet or not yet: the kit
 * hands one to each class ({@link SharedFleet}, {@link OwnSandbox}). Tests take hosts from it by
 * the part they play ({@code host(0)} gives commands, {@code host(2)} carries them out) and never
 * by a sandbox name, so the kit is free to choose which hosts a class gets.
 */
public final class Fleet {

  private static final Duration WHOLE_BOUND = Duration.ofSeconds(60);
  /** Networks every engine has, and weft's own: the rest are a test's. */
  private static final Set<String> KEPT_NETWORKS = Set.of("weft", "host", "none", "bridge");

  private final Sandbox sandbox;
  private final List<FleetHost> hosts;
  private Path passwordFile;

  private Fleet(Sandbox sandbox) {
    this.sandbox = sandbox;
    this.hosts = sandbox.hosts().stream().map(FleetHost::new).toList();
  }

  /**
   * A new sandbox of {@code count} hosts with the agent image of this tree, nothing launched. The
   * process holds the machine's sandbox lock from here to its end.
   */
  static Fleet up(int count) {
    SandboxLock.holdForThisProcess(line -> System.out.println("sandbox: " + line));
    long start = System.nanoTime();
    Sandbox sandbox = new Sandbox(Sandbox.DEFAULT_STATE_ROOT,
        line -> System.out.printf("sandbox [%5.1fs]: %s%n", (System.nanoTime() - start) / 1e9, line));
    sandbox.up(count, AgentImage.fromBuildTree(Path.of(System.getProperty("weft.home"))));
    System.out.printf("kit: a sandbox of %d up in %.1f s%n", count, (System.nanoTime() - start) / 1e9);
    return new Fleet(sandbox);
  }

  public List<FleetHost> hosts() {
    return hosts;
  }

  /** The {@code index}th host, from 0. */
  public FleetHost host(int index) {
    return hosts.get(index);
  }

  /** The host whose engine calls itself {@code name}. */
  public FleetHost named(String name) {
    return hosts.stream().filter(h -> h.name().equals(name)).findFirst()
        .orElseThrow(() -> new IllegalArgumentException("no host " + name + " in " + names()));
  }

  public List<FleetHost> others(FleetHost host) {
    return hosts.stream().filter(h -> h != host).toList();
  }

  public List<String> names() {
    return hosts.stream().map(FleetHost::name).toList();
  }

  /** The sandbox itself, for tests of the sandbox. */
  public Sandbox sandbox() {
    return sandbox;
  }

  /**
   * {@code weft launch} on every host, each knowing only the one before it: the first makes the
   * fleet and its password, the others join with that password, as an operator hands it on.
   */
  public Fleet launch() {
    for (int i = 0; i < hosts.size(); i++) {
      CapturedRun run = i == 0 ? hosts.get(0).weft("launch")
          : hosts.get(i).weft("launch", "--password-file", passwordFile().toString(), hosts.get(i - 1).address());
      assertEquals(0, run.exitCode(), hosts.get(i) + ": " + run.err());
    }
    return this;
  }

  /** The fleet's password, as the first host's agent keeps it, in a file for {@code --password-file}. */
  public Path passwordFile() {
    if (passwordFile == null) {
      passwordFile = PasswordFiles.ofAgentOn(hosts.get(0).dockerHost());
    }
    return passwordFile;
  }

  /** Separates {@code side} from the other hosts of the sandbox, both ways, replacing any cut. */
  public void cut(FleetHost... side) {
    sandbox.cut(String.join(",", Arrays.stream(side).map(FleetHost::name).toList()));
  }

  public void heal() {
    sandbox.heal();
  }

  /** Crashes {@code host} and boots it again, as a power cut would; returns once its engine answers. */
  public void restart(FleetHost host) {
    host.closeEngine();
    sandbox.restart(host.name());
  }

  /** Every address on every host's containers, as each host's weft ps has them. */
  public List<String> addressesEverywhere() {
    List<String> all = new ArrayList<>();
    for (FleetHost host : hosts) {
      CapturedRun ps = host.weft("ps", "--json");
      assertEquals(0, ps.exitCode(), ps.err());
      for (Object row : new JsonObject(ps.out()).getJsonObject("result").getJsonArray("containers")) {
        ((JsonObject) row).getJsonArray("addresses").forEach(a -> all.add(a.toString().split("/")[0]));
      }
    }
    return all;
  }

  /**
   * Takes away what a test class left on the hosts of a shared fleet: a cut, containers other
   * than weft's agent, networks of its own.
   */
  void tidy() {
    heal();
    // a class may leave dozens of containers: removed several at a time
    ExecutorService pool = Executors.newFixedThreadPool(8);
    try {
      List<Future<?>> removals = new ArrayList<>();
      for (FleetHost host : hosts) {
        for (Container c : host.engine().listContainersCmd().withShowAll(true).exec()) {
          if (!Arrays.asList(c.getNames()).contains("/weft")) {
            removals.add(pool.submit(() -> host.remove(c.getId())));
          }
        }
      }
      for (Future<?> removal : removals) {
        removal.get();
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted", e);
    } catch (ExecutionException e) {
      throw new IllegalStateException("a container of the last class could not be removed", e.getCause());
    } finally {
      pool.shutdownNow();
    }
    for (FleetHost host : hosts) {
      for (Network n : host.engine().listNetworksCmd().exec()) {
        if (!KEPT_NETWORKS.contains(n.getName())) {
          host.engine().removeNetworkCmd(n.getId()).exec();
        }
      }
    }
  }

  /** Waits until every host's agent runs and sees every host of the fleet in good health. */
  void awaitWhole() {
    Set<String> all = new TreeSet<>(names());
    try {
      Await.until("every host sees the whole fleet in good health", WHOLE_BOUND,
          () -> hosts.stream().allMatch(host -> healthy(host).equals(all)));
    } catch (AssertionError e) {
      StringBuilder seen = new StringBuilder();
      hosts.forEach(host -> seen.append("; ").append(host).append(" sees ").append(healthy(host)).append(" ok"));
      throw new AssertionError(e.getMessage() + seen, e);
    }
  }

  /** The hosts {@code viewer}'s agent lists with health ok; none while it cannot say. */
  private static Set<String> healthy(FleetHost viewer) {
    Set<String> names = new TreeSet<>();
    try {
      new AgentPeers(viewer.engine()).view().getJsonArray("peers").stream().map(p -> (JsonObject) p)
          .filter(p -> "ok".equals(p.getString("health")))
          .forEach(p -> names.add(p.getString("name")));
    } catch (RuntimeException notYet) {
      // the agent is not (yet) running: nobody healthy
    }
    return names;
  }

  /** Takes the sandbox down and closes the hosts' clients. */
  void down() {
    hosts.forEach(FleetHost::closeEngine);
    if (!sandbox.hosts().isEmpty()) {
      sandbox.down();
    }
  }
}
