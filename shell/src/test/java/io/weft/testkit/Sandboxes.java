package io.weft.testkit;

import io.weft.docker.image.AgentImage;
import io.weft.shell.sandbox.Sandbox;
import io.weft.shell.sandbox.SandboxHost;
import io.weft.shell.sandbox.SandboxLock;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.Disabled;

/**
 * The machine has one sandbox, so the test run makes few and shares them. First, alone, each
 * class that tests the sandbox itself gets one of its own ({@link WholeSandbox}). Then the run's
 * sandbox comes up, big enough for the launched fleet that classes share ({@link SharedFleet}:
 * its first three hosts) and for the hosts of every class with hosts of its own ({@link
 * OwnHosts}: the rest, never handed out twice), which run beside the shared fleet's classes.
 * The classes of the run ({@link #plan}) decide its size; without a plan it has room for one
 * class of hosts of its own at a time, and renews their hosts between classes.
 */
final class Sandboxes {

  static final int SHARED_HOSTS = 3;
  private static final int UNPLANNED_OWN_HOSTS = 3;
  private static final Duration KIT_WAIT_BOUND = Duration.ofMinutes(10);

  private static boolean planned;
  private static boolean anyShared = true;
  private static int ownHostsPlanned;
  private static int wholeClassesLeft;
  private static final Set<Class<?>> wholeClassesDone = new HashSet<>();

  /** The sandbox up now: a whole sandbox of one class, or the run's. */
  private static Sandbox sandbox;
  private static boolean runSandbox;
  private static Fleet whole;
  private static volatile Fleet shared;
  private static volatile boolean sharedFit;
  private static boolean sharedLaunchTried;
  /** Hosts of the run's sandbox for classes with hosts of their own: never used, then used. */
  private static final Deque<SandboxHost> freshHosts = new ArrayDeque<>();
  private static final Deque<SandboxHost> usedHosts = new ArrayDeque<>();

  private Sandboxes() {}

  /** The classes this run will execute, in order. */
  static synchronized void plan(List<Class<?>> classes) {
    List<Class<?>> run = classes.stream().filter(c -> !c.isAnnotationPresent(Disabled.class)).toList();
    planned = true;
    anyShared = run.stream().anyMatch(c -> c.isAnnotationPresent(SharedFleet.class));
    ownHostsPlanned = run.stream().map(c -> c.getAnnotation(OwnHosts.class))
        .filter(own -> own != null).mapToInt(OwnHosts::hosts).sum();
    wholeClassesLeft = (int) run.stream().filter(c -> c.isAnnotationPresent(WholeSandbox.class)).count();
  }

  /** A sandbox of exactly {@code hosts} hosts, for one class of its own. */
  static synchronized Fleet whole(int hosts) {
    down();
    sandbox = up(hosts);
    runSandbox = false;
    whole = new Fleet(sandbox, sandbox.hosts());
    return whole;
  }

  /**
   * The launched fleet the classes share: the one up now while it is fit, else a new one on the
   * same hosts, renewed. Launched without holding the kit, so that classes with hosts of their
   * own start meanwhile (only one class at a time shares the fleet).
   */
  static Fleet shared() throws InterruptedException {
    Fleet unfit;
    Sandbox box;
    synchronized (Sandboxes.class) {
      awaitWholeClasses();
      ensureRunSandbox();
      if (shared != null && sharedFit) {
        return shared;
      }
      unfit = shared;
      box = sandbox;
      shared = new Fleet(box, box.hosts().subList(0, SHARED_HOSTS));
    }
    long start = System.nanoTime();
    try {
      if (unfit != null) {
        unfit.close();
        unfit.hosts().forEach(h -> box.renew(h.name(), image()));
      }
      shared.launch();
      sharedFit = true;
    } finally {
      synchronized (Sandboxes.class) {
        sharedLaunchTried = true;
        Sandboxes.class.notifyAll();
      }
    }
    System.out.printf("kit: the shared fleet of %d launched in %.1f s%n", SHARED_HOSTS, (System.nanoTime() - start) / 1e9);
    return shared;
  }

  /**
   * {@code count} hosts of the run's sandbox where weft was never launched, for one class, their
   * underlay links of {@code mtu}.
   */
  static synchronized Fleet own(int count, int mtu) throws InterruptedException {
    awaitWholeClasses();
    ensureRunSandbox();
    // the shared fleet's three agents start first: launches side by side would double the wait
    // of each on the machine's two cores
    awaitSharedLaunch();
    awaitKit(() -> freshHosts.size() + usedHosts.size() >= count, count + " hosts to spare");
    List<SandboxHost> hosts = new ArrayList<>();
    while (hosts.size() < count && !freshHosts.isEmpty()) {
      hosts.add(freshHosts.poll());
    }
    while (hosts.size() < count && !usedHosts.isEmpty()) {
      SandboxHost renewed = usedHosts.poll();
      sandbox.renew(renewed.name(), image());
      hosts.add(renewed);
    }
    if (hosts.size() < count) {
      throw new IllegalStateException("the run's sandbox has no " + count + " hosts to spare");
    }
    if (mtu != Sandbox.DEFAULT_MTU) {
      hosts.forEach(h -> sandbox.linkMtu(h.name(), mtu));
    }
    return new Fleet(sandbox, hosts);
  }

  /** A class that tests the sandbox is done (or could not start): its sandbox goes down. */
  static synchronized void releaseWhole(Class<?> test) {
    try {
      down();
    } finally {
      if (wholeClassesDone.add(test)) {
        wholeClassesLeft--;
      }
      Sandboxes.class.notifyAll();
    }
  }

  /**
   * A class that shares the fleet is done with it: tidied and kept when the class said it leaves
   * it whole and every host sees the others in good health, else launched again for the next. A
   * fleet whose hosts all say so while containers on two of them cannot reach each other fails
   * the class.
   * Only one class at a time shares the fleet, so this holds nobody else up.
   */
  static void releaseShared(Fleet fleet, boolean breaksIt) {
    if (fleet == null || fleet != shared) {
      return;
    }
    if (breaksIt) {
      sharedFit = false;
      return;
    }
    long start = System.nanoTime();
    try {
      fleet.tidy();
      fleet.awaitWhole();
    } catch (RuntimeException | AssertionError e) {
      System.out.println("kit: the shared fleet is not whole after the class, the next gets a new one: " + e);
      sharedFit = false;
      return;
    }
    try {
      fleet.assertDataPlaneWhole();
    } catch (AssertionError dark) {
      // every host says every other is fine, yet traffic does not cross: weft's fault, the class's to report
      sharedFit = false;
      throw dark;
    }
    System.out.printf("kit: the shared fleet tidied and whole in %.1f s%n", (System.nanoTime() - start) / 1e9);
  }

  /** A class is done with hosts of its own: their containers go (agents would use the cores). */
  static synchronized void releaseOwn(Fleet fleet) {
    if (fleet == null) {
      return;
    }
    for (FleetHost host : fleet.hosts()) {
      try {
        host.removeAllContainers();
      } catch (RuntimeException e) {
        System.out.println("kit: " + host + "'s containers stay until the sandbox goes: " + e);
      }
      try {
        // as the next class expects a host: a renewal keeps the underlay link
        sandbox.linkMtu(host.sandboxHost().name(), Sandbox.DEFAULT_MTU);
        usedHosts.add(host.sandboxHost());
      } catch (RuntimeException e) {
        System.out.println("kit: " + host + " is not handed out again: " + e);
      }
    }
    fleet.close();
    Sandboxes.class.notifyAll(); // a class waiting for hosts to spare may take these
  }

  /** Takes down whatever sandbox the kit has up. */
  static synchronized void down() {
    if (sandbox != null) {
      long start = System.nanoTime();
      try {
        for (Fleet fleet : new Fleet[] {whole, shared}) {
          if (fleet != null) {
            fleet.close();
          }
        }
        if (!sandbox.hosts().isEmpty()) {
          sandbox.down();
        }
        System.out.printf("kit: sandbox down in %.1f s%n", (System.nanoTime() - start) / 1e9);
      } finally {
        sandbox = null;
        runSandbox = false;
        whole = null;
        shared = null;
        sharedFit = false;
        freshHosts.clear();
        usedHosts.clear();
      }
    }
  }

  /** The hosts of the run's sandbox: the shared fleet's and every class's own, as planned. */
  static synchronized int runSandboxSize() {
    // past the sandbox's largest, classes of their own take hosts others have done with, renewed
    return Math.min(Sandbox.MAX_HOSTS,
        (anyShared ? SHARED_HOSTS : 0) + (planned ? ownHostsPlanned : UNPLANNED_OWN_HOSTS));
  }

  /** How many classes that test the sandbox itself are still to run. */
  static synchronized int wholeClassesLeft() {
    return wholeClassesLeft;
  }

  /** Classes with hosts of their own wait while a class that tests the sandbox has it. */
  private static void awaitWholeClasses() throws InterruptedException {
    awaitKit(() -> wholeClassesLeft == 0, "the sandbox's own tests to end");
  }

  /** Classes with hosts of their own wait for the shared fleet's first launch, when there is one. */
  private static void awaitSharedLaunch() throws InterruptedException {
    awaitKit(() -> !anyShared || sharedLaunchTried, "the shared fleet's launch");
  }

  private static void awaitKit(BooleanSupplier done, String what) throws InterruptedException {
    long deadline = System.nanoTime() + KIT_WAIT_BOUND.toNanos();
    while (!done.getAsBoolean()) {
      long left = deadline - System.nanoTime();
      if (left <= 0) {
        throw new IllegalStateException("waited " + KIT_WAIT_BOUND.toMinutes() + " min for " + what);
      }
      Sandboxes.class.wait(Math.max(1, left / 1_000_000));
    }
  }

  private static void ensureRunSandbox() {
    if (sandbox != null && runSandbox) {
      return;
    }
    down();
    sandbox = up(runSandboxSize());
    runSandbox = true;
    List<SandboxHost> hosts = sandbox.hosts();
    freshHosts.addAll(hosts.subList(anyShared ? SHARED_HOSTS : 0, hosts.size()));
  }

  /**
   * A new sandbox of {@code count} hosts with the agent image of this tree. The process holds the
   * machine's sandbox lock from here to its end.
   */
  private static Sandbox up(int count) {
    SandboxLock.holdForThisProcess(line -> System.out.println("sandbox: " + line));
    long start = System.nanoTime();
    Sandbox made = new Sandbox(Sandbox.DEFAULT_STATE_ROOT,
        line -> System.out.printf("sandbox [%5.1fs]: %s%n", (System.nanoTime() - start) / 1e9, line));
    made.up(count, image());
    System.out.printf("kit: a sandbox of %d up in %.1f s%n", count, (System.nanoTime() - start) / 1e9);
    return made;
  }

  private static AgentImage image() {
    return AgentImage.fromBuildTree(Path.of(System.getProperty("weft.home")));
  }
}
