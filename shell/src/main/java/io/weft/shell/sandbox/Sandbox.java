package io.weft.shell.sandbox;

import com.github.dockerjava.api.DockerClient;
import io.weft.common.process.HostProcess;
import io.weft.docker.image.AgentImage;
import io.weft.docker.image.DebianBase;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Consumer;
import java.util.stream.Stream;

/**
 * Several Docker hosts on one Linux machine: {@code host1..hostN}, each a network namespace with
 * its own engine, joined by an underlay bridge and reachable from nowhere else.
 */
public final class Sandbox {

  public static final int MAX_HOSTS = 20;
  /** The underlay's MTU unless told: Ethernet's. */
  public static final int DEFAULT_MTU = 1500;
  public static final int MIN_MTU = 1280;
  /** Jumbo frames. */
  public static final int MAX_MTU = 9000;
  public static final Path DEFAULT_STATE_ROOT = Path.of("/var/lib/weft/sandbox");
  static final String NONE_UP = "no sandbox is up (start one with: weft sandbox up N)";

  private final Path stateRoot;
  private final Consumer<String> progress;

  public Sandbox(Path stateRoot, Consumer<String> progress) {
    this.stateRoot = stateRoot;
    this.progress = progress;
  }

  public static Sandbox standard(Consumer<String> progress) {
    return new Sandbox(DEFAULT_STATE_ROOT, progress);
  }

  /**
   * Makes {@code count} hosts, each with the agent image of {@code image} loaded, after clearing
   * whatever an earlier sandbox left. The engines start with the images of an {@link ImageStore}
   * kept for this build (made by the first sandbox of a build). On failure, everything made so
   * far is taken down again.
   */
  public List<SandboxHost> up(int count, AgentImage image) {
    return up(count, image, DEFAULT_MTU);
  }

  /** As {@link #up(int, AgentImage)}, with an underlay of MTU {@code mtu} (the bridge and every host's link). */
  public List<SandboxHost> up(int count, AgentImage image, int mtu) {
    requireUnderlayMtu(mtu);
    if (count < 1 || count > MAX_HOSTS) {
      throw new IllegalArgumentException(
          "a sandbox has 1 to " + MAX_HOSTS + " hosts, not " + count);
    }
    Privileges.requireRoot("sandbox up");
    SandboxTools.ensureInstalled(progress);
    DebianBase base = DebianBase.inDefaultCache();
    ImageStore store = new ImageStore(ImageStore.DEFAULT_CACHE, image.contentDigest(DebianBase.IMAGE));
    if (isPresent()) {
      progress.accept("clearing an earlier sandbox");
      down();
    }
    UnderlayCut.clearAll(); // a cut left alone would split the new hosts, whose links have its names
    List<SandboxHost> hosts = new ArrayList<>();
    for (int i = 1; i <= count; i++) {
      hosts.add(new SandboxHost(i, stateRoot));
    }
    try {
      SandboxNetwork.createBridge();
      for (SandboxHost host : hosts) {
        SandboxNetwork.addHost(host);
      }
      if (!store.exists()) {
        makeStore(hosts.get(0), image, base, store);
      }
      for (SandboxHost host : hosts) {
        if (!Files.isDirectory(host.dataRoot().resolve("image"))) {
          store.copyInto(host.dataRoot());
        }
      }
      progress.accept("engines' images copied from " + store.dir());
      for (SandboxHost host : hosts) {
        new SandboxEngine(host).start();
      }
      if (mtu != DEFAULT_MTU) {
        SandboxNetwork.setMtu(hosts, mtu);
      }
      for (SandboxHost host : hosts) {
        new SandboxEngine(host).awaitReady();
        progress.accept(host.name() + ": engine up at " + host.dockerHost());
      }
      // a store someone emptied by hand costs a load, not a failure
      loadImage(hosts.stream().filter(h -> !hasAgentImage(h)).toList(), image, base);
      return hosts;
    } catch (RuntimeException e) {
      progress.accept("sandbox up failed, taking down what it made: " + e.getMessage());
      down();
      throw e;
    }
  }

  /** Removes every namespace, link, engine process and state folder of the sandbox. */
  public void down() {
    Privileges.requireRoot("sandbox down");
    List<String> failures = new ArrayList<>();
    // Everything of a host goes, so its engine and processes are killed as a power cut would
    // kill them: removing containers one by one first cost up to 110 s a host in a whole test run,
    // each container on weft leaving its network through a plugin that waited on its agent. Their
    // folders take a second or two to delete: every host at once. One host that resists does not
    // leave the others standing.
    forEachInParallel(hosts(), host -> {
      long start = System.nanoTime();
      new SandboxEngine(host).kill();
      long engineGone = System.nanoTime();
      SandboxNetwork.removeHost(host);
      unmountUnder(host.dir());
      deleteTree(host.dir());
      progress.accept(String.format("%s: removed (engine and processes %.1f s, links and folders %.1f s)",
          host.name(), (engineGone - start) / 1e9, (System.nanoTime() - engineGone) / 1e9));
    }, failures);
    try {
      UnderlayCut.clearAll();
    } catch (RuntimeException e) {
      failures.add(e.getMessage());
    }
    try {
      SandboxNetwork.removeBridge();
      deleteTree(stateRoot);
    } catch (RuntimeException e) {
      failures.add(e.getMessage());
    }
    if (!failures.isEmpty()) {
      throw new IllegalStateException("sandbox down left something: " + String.join("; ", failures));
    }
  }

  /**
   * Crashes host {@code name} and boots it again, as a power cut would: every process of the
   * host is killed, its network and its /run are cleared, and its engine starts afresh, which
   * starts the containers whose restart policy asks for it (weft's agent among them). Its
   * /etc/docker, and so its engine's ID, is kept, and so is a cut: it is in the underlay, not the
   * host. Returns once the engine answers.
   */
  public SandboxHost restart(String name) {
    Privileges.requireRoot("sandbox restart");
    SandboxHost host = host(name);
    SandboxEngine engine = new SandboxEngine(host);
    engine.kill();
    SandboxNetwork.resetHost(host);
    unmountUnder(host.runDir());
    deleteTree(host.runDir());
    engine.start();
    engine.awaitReady(SandboxEngine.REBOOT_BOUND);
    progress.accept(host.name() + ": rebooted, engine up at " + host.dockerHost());
    // The cut is in the underlay, not in the host: a reboot leaves the host on its side.
    currentCuts().stream().filter(cut -> cut.isNamed(host)).forEach(cut -> progress.accept(
        host.name() + ": still cut (" + cut.describe() + "); heal with: weft sandbox heal"));
    return host;
  }

  /**
   * Restarts host {@code name}'s engine alone, as {@code systemctl restart docker} would: the
   * engine stops its containers and exits, and starts again with them (those whose restart
   * policy asks for it). The host's processes, network and /run stay. Returns once the engine
   * answers.
   */
  public SandboxHost restartEngine(String name) {
    Privileges.requireRoot("sandbox restart");
    SandboxHost host = host(name);
    SandboxEngine engine = new SandboxEngine(host);
    engine.terminate();
    engine.start();
    engine.awaitReady(SandboxEngine.REBOOT_BOUND);
    progress.accept(host.name() + ": engine restarted at " + host.dockerHost());
    return host;
  }

  /**
   * Makes host {@code name} as it was when the sandbox came up, for a test that needs a host
   * where weft was never launched: its engine stops with everything it ran, every link but its
   * underlay link and loopback goes and its firewall is emptied, its /run and its engine's data
   * are replaced by the images of {@code image}'s store, and its engine starts again. Its
   * /etc/docker, and so its engine's ID, is kept. Returns once the engine answers.
   */
  public SandboxHost renew(String name, AgentImage image) {
    Privileges.requireRoot("sandbox renew");
    SandboxHost host = host(name);
    SandboxEngine engine = new SandboxEngine(host);
    engine.stop();
    SandboxNetwork.resetHost(host);
    HostProcess.of("ip", "netns", "exec", host.name(), "nft", "flush", "ruleset").runAllowingFailure();
    unmountUnder(host.runDir());
    deleteTree(host.runDir());
    deleteTree(host.dataRoot());
    ImageStore store = new ImageStore(ImageStore.DEFAULT_CACHE, image.contentDigest(DebianBase.IMAGE));
    if (store.exists()) {
      store.copyInto(host.dataRoot());
    }
    engine.start();
    engine.awaitReady();
    if (!hasAgentImage(host)) {
      loadImage(List.of(host), image, DebianBase.inDefaultCache());
    }
    progress.accept(host.name() + ": renewed, engine up at " + host.dockerHost());
    return host;
  }

  /**
   * Separates the hosts in {@code names} ({@code host2,host3}) from the others, or only the pairs
   * named ({@code host1/host3}), both ways and for all their traffic, replacing every earlier cut;
   * the machine keeps reaching every host. A restarted host stays on its side. Returns the cut now
   * in effect.
   */
  public SandboxCut cut(String names) {
    SandboxCut cut = SandboxCut.parse(names, hosts());
    Privileges.requireRoot("sandbox cut");
    SandboxTools.ensureInstalled(progress); // a sandbox made by an older weft may lack nft
    UnderlayCut.replaceAll(cut);
    return cut;
  }

  /**
   * As {@link #cut(String)}, within the hosts {@code within} alone: a split's other side is the
   * rest of them, and the cut replaces only one made earlier within the same hosts. Cuts made
   * within other hosts stay, so several fleets on one sandbox can each be cut on their own.
   */
  public SandboxCut cut(Collection<String> within, String names) {
    List<SandboxHost> scope = scope(within);
    SandboxCut cut = SandboxCut.parse(names, scope);
    Privileges.requireRoot("sandbox cut");
    SandboxTools.ensureInstalled(progress);
    UnderlayCut.apply(UnderlayCut.tableFor(scope), cut);
    return cut;
  }

  /**
   * Gives the underlay (the bridge, every host's link at both ends) MTU {@code mtu}; agents
   * launched afterwards size weft's MTU from it.
   */
  public void underlayMtu(int mtu) {
    requireUnderlayMtu(mtu);
    Privileges.requireRoot("sandbox mtu");
    List<SandboxHost> hosts = hosts();
    if (hosts.isEmpty()) {
      throw new IllegalArgumentException(NONE_UP);
    }
    SandboxNetwork.setMtu(hosts, mtu);
  }

  /**
   * Gives host {@code name}'s underlay link (both ends) MTU {@code mtu}, the other hosts' as they
   * are: the bridge forwards a frame by the MTU of the port it leaves by, so hosts whose links
   * are larger exchange larger frames with each other, and 1500 with the rest.
   */
  public void linkMtu(String name, int mtu) {
    requireUnderlayMtu(mtu);
    Privileges.requireRoot("sandbox mtu");
    SandboxNetwork.setLinkMtu(host(name), mtu);
  }

  private static void requireUnderlayMtu(int mtu) {
    if (mtu < MIN_MTU || mtu > MAX_MTU) {
      throw new IllegalArgumentException("the underlay's MTU is " + MIN_MTU + " to " + MAX_MTU + ", not " + mtu);
    }
  }

  /** Removes every cut; returns those that were in effect. */
  public List<SandboxCut> heal() {
    Privileges.requireRoot("sandbox heal");
    List<SandboxCut> were = currentCuts();
    UnderlayCut.clearAll();
    return were;
  }

  /** Removes the cut made within the hosts {@code within}, if any; other cuts stay. */
  public void heal(Collection<String> within) {
    Privileges.requireRoot("sandbox heal");
    UnderlayCut.clear(UnderlayCut.tableFor(scope(within)));
  }

  /** The cuts in effect, as the underlay's filter holds them; empty when the hosts are whole. */
  public List<SandboxCut> currentCuts() {
    List<SandboxHost> hosts = hosts();
    if (hosts.isEmpty()) {
      throw new IllegalArgumentException(NONE_UP);
    }
    List<SandboxCut> cuts = new ArrayList<>();
    for (String table : UnderlayCut.tables()) {
      String listed = UnderlayCut.listed(table);
      if (listed != null) {
        readCut(listed, hosts).ifPresent(cuts::add);
      }
    }
    return cuts;
  }

  private static Optional<SandboxCut> readCut(String listed, List<SandboxHost> hosts) {
    List<SandboxCut.Pair> pairs = new ArrayList<>();
    for (List<String> p : UnderlayCut.cutPairs(listed)) {
      Optional<SandboxHost> a = find(hosts, p.get(0));
      Optional<SandboxHost> b = find(hosts, p.get(1));
      if (a.isPresent() && b.isPresent()) {
        pairs.add(new SandboxCut.Pair(a.get(), b.get()));
      }
    }
    if (!pairs.isEmpty()) {
      return Optional.of(SandboxCut.ofPairs(pairs));
    }
    List<String> names = UnderlayCut.namedHosts(listed);
    List<String> restNames = UnderlayCut.restHosts(listed);
    List<SandboxHost> named = hosts.stream().filter(h -> names.contains(h.name())).toList();
    List<SandboxHost> rest = hosts.stream().filter(h -> restNames.contains(h.name())).toList();
    return named.isEmpty() ? Optional.empty() : Optional.of(new SandboxCut(named, rest));
  }

  private static Optional<SandboxHost> find(List<SandboxHost> hosts, String name) {
    return hosts.stream().filter(h -> h.name().equals(name)).findFirst();
  }

  /** The sandbox's hosts named in {@code within}; refuses a name it does not have. */
  private List<SandboxHost> scope(Collection<String> within) {
    List<SandboxHost> hosts = hosts();
    List<SandboxHost> scope = new ArrayList<>();
    for (String name : within) {
      scope.add(find(hosts, name).orElseThrow(() -> new IllegalArgumentException(noSuchHost(name, hosts))));
    }
    if (scope.isEmpty()) {
      throw new IllegalArgumentException("a cut is made within some of the sandbox's hosts: name them");
    }
    return scope;
  }

  /** True when a sandbox, or anything an earlier one left, is on the machine. */
  public boolean isPresent() {
    return !hosts().isEmpty() || SandboxNetwork.bridgeExists();
  }

  /** The hosts the sandbox has now, as its state folder records them. */
  public List<SandboxHost> hosts() {
    if (!Files.isDirectory(stateRoot)) {
      return List.of();
    }
    try (Stream<Path> dirs = Files.list(stateRoot)) {
      return dirs.map(d -> SandboxHost.indexOf(d.getFileName().toString()))
          .filter(i -> i != null)
          .sorted()
          .map(i -> new SandboxHost(i, stateRoot))
          .toList();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  public SandboxHost host(String name) {
    List<SandboxHost> hosts = hosts();
    return hosts.stream().filter(h -> h.name().equals(name)).findFirst()
        .orElseThrow(() -> new IllegalArgumentException(noSuchHost(name, hosts)));
  }

  /** The one line that refuses {@code name}, which is none of {@code hosts}. */
  static String noSuchHost(String name, List<SandboxHost> hosts) {
    return hosts.isEmpty()
        ? NONE_UP
        : "no sandbox host named '" + name + "' (hosts: "
            + String.join(" ", SandboxCut.names(hosts)) + ")";
  }

  /** Whether each host's engine answers now. */
  public boolean engineAnswers(SandboxHost host) {
    return new SandboxEngine(host).answers();
  }

  /**
   * The first host's engine loads the base and builds the agent image, once for every sandbox
   * of this build, and stops so that its images are kept as the store the other hosts copy.
   */
  private void makeStore(SandboxHost first, AgentImage image, DebianBase base, ImageStore store) {
    progress.accept("base image: " + base.imageArchive());
    SandboxEngine engine = new SandboxEngine(first);
    engine.start();
    engine.awaitReady();
    loadImage(List.of(first), image, base);
    engine.stop();
    store.saveFrom(first.dataRoot());
    progress.accept("image store of this build kept in " + store.dir());
  }

  private static boolean hasAgentImage(SandboxHost host) {
    try (DockerClient docker = new SandboxEngine(host).client()) {
      return AgentImage.presentIn(docker);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private void loadImage(List<SandboxHost> hosts, AgentImage image, DebianBase base) {
    if (hosts.isEmpty()) {
      return;
    }
    List<String> failures = new ArrayList<>();
    forEachInParallel(hosts, host -> {
      try (DockerClient docker = new SandboxEngine(host).client()) {
        image.buildInto(docker, null, base);
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
      progress.accept(host.name() + ": image " + AgentImage.versionTag() + " loaded");
    }, failures);
    if (!failures.isEmpty()) {
      throw new IllegalStateException("loading the agent image failed: " + failures.get(0));
    }
  }

  /** Runs {@code action} for every host at once; adds one line per host that failed. */
  private static void forEachInParallel(
      List<SandboxHost> hosts, Consumer<SandboxHost> action, List<String> failures) {
    ExecutorService pool = Executors.newFixedThreadPool(Math.max(1, hosts.size()));
    try {
      List<Future<?>> running = new ArrayList<>();
      for (SandboxHost host : hosts) {
        running.add(pool.submit(() -> action.accept(host)));
      }
      for (int i = 0; i < hosts.size(); i++) {
        try {
          running.get(i).get();
        } catch (ExecutionException e) {
          failures.add(hosts.get(i).name() + ": " + e.getCause().getMessage());
        }
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      failures.add("interrupted");
    } finally {
      pool.shutdownNow();
    }
  }

  private static void unmountUnder(Path dir) {
    String prefix = dir.toString() + "/";
    try {
      List<String> mounts = Files.readAllLines(Path.of("/proc/self/mountinfo")).stream()
          .map(line -> line.split(" ")[4])
          .filter(point -> point.startsWith(prefix) || point.equals(dir.toString()))
          .sorted(Comparator.reverseOrder())
          .toList();
      for (String point : mounts) {
        HostProcess.of("umount", "-l", point).runAllowingFailure();
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static void deleteTree(Path dir) {
    if (Files.exists(dir)) {
      HostProcess.of("rm", "-rf", "--one-file-system", dir.toString()).run();
    }
  }
}
