package io.weft.testkit;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.github.dockerjava.api.model.Container;
import com.github.dockerjava.api.model.Network;
import io.vertx.core.json.JsonObject;
import io.weft.docker.agent.AgentPeers;
import io.weft.shell.cli.CapturedRun;
import io.weft.shell.cli.PasswordFiles;
import io.weft.shell.sandbox.Sandbox;
import io.weft.shell.sandbox.SandboxHost;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * Hosts of a sandbox that a test class works with, launched as one fleet or not yet: the kit
 * hands one to each class ({@link SharedFleet}, {@link OwnHosts}, {@link WholeSandbox}). Tests take hosts from it by
 * the part they play ({@code host(0)} gives commands, {@code host(2)} carries them out) and never
 * by a sandbox name, so the kit is free to choose which hosts a class gets.
 */
public final class Fleet {

  private static final Duration WHOLE_BOUND = Duration.ofSeconds(60);
  /** Networks every engine has, and weft's own: the rest are a test's. */
  /** weft's own: the agent, and wireguard-go, which carries the fleet's traffic between hosts. */
  private static final Set<String> KEPT_CONTAINERS = Set.of("/weft", "/weft-wg");
  private static final Set<String> KEPT_NETWORKS = Set.of("weft", "host", "none", "bridge");

  private final Sandbox sandbox;
  private final List<FleetHost> hosts;
  private Path passwordFile;

  /** {@code hosts} of {@code sandbox}. */
  Fleet(Sandbox sandbox, List<SandboxHost> hosts) {
    this.sandbox = sandbox;
    this.hosts = hosts.stream().map(FleetHost::new).toList();
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
   * {@code weft launch} on every host: the first makes the fleet and its password, then the others
   * join it at once, each with that password and the first's address, as operators of several
   * hosts would, each with a command line of their own.
   */
  public Fleet launch() {
    CapturedRun first = hosts.get(0).weft("launch");
    assertEquals(0, first.exitCode(), hosts.get(0) + ": " + first.err());
    String password = passwordFile().toString();
    ExecutorService pool = Executors.newFixedThreadPool(Math.max(1, hosts.size() - 1));
    try {
      List<CompletableFuture<CapturedRun>> joins = hosts.subList(1, hosts.size()).stream()
          .map(host -> CompletableFuture.supplyAsync(() -> host.weft("launch", "--password-file", password,
              hosts.get(0).address()), pool))
          .toList();
      for (int i = 0; i < joins.size(); i++) {
        CapturedRun run = joins.get(i).join();
        assertEquals(0, run.exitCode(), hosts.get(i + 1) + ": " + run.err());
      }
    } finally {
      pool.shutdownNow();
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

  /**
   * Separates {@code side} from the fleet's other hosts, both ways, replacing the fleet's earlier
   * cut. The cut is the fleet's own: a class working beside it on other hosts neither sees it nor
   * lifts it, and this fleet's heal leaves that class's cut alone.
   */
  public void cut(FleetHost... side) {
    sandbox.cut(names(), String.join(",", Arrays.stream(side).map(FleetHost::name).toList()));
  }

  /** Cuts {@code a} and {@code b} from each other alone, replacing the fleet's earlier cut. */
  public void cutPair(FleetHost a, FleetHost b) {
    sandbox.cut(names(), a.name() + "/" + b.name());
  }

  /** Removes this fleet's cut, if any. */
  public void heal() {
    sandbox.heal(names());
  }

  /** Crashes {@code host} and boots it again, as a power cut would; returns once its engine answers. */
  public void restart(FleetHost host) {
    host.closeEngine();
    sandbox.restart(host.name());
  }

  /** Restarts {@code host}'s engine alone, as its service manager would; returns once it answers. */
  public void restartEngine(FleetHost host) {
    host.closeEngine();
    sandbox.restartEngine(host.name());
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
          if (Collections.disjoint(Arrays.asList(c.getNames()), KEPT_CONTAINERS)) {
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

  /** Containers on every pair of hosts reach each other; else fails with each host's data plane. */
  void assertDataPlaneWhole() {
    DataPlaneCheck.assertEveryPairReaches(hosts);
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

  /** Closes the hosts' clients. */
  void close() {
    hosts.forEach(FleetHost::closeEngine);
  }
}
