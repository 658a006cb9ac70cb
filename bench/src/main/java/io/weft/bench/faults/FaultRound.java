package io.weft.bench.faults;

import com.github.dockerjava.api.DockerClient;
import io.weft.shell.sandbox.Sandbox;
import io.weft.shell.sandbox.SandboxHost;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * One round of the fault suite: every host's workload runs while one fault strikes and lasts,
 * then stops; the fleet must then come right within a bound, and the round says how long that
 * took and what was wrong if it never did.
 */
final class FaultRound {

  /** How long a fault lasts, with the workloads going on throughout. */
  static final Duration LASTS = Duration.ofSeconds(6);
  /** How long the fleet may take to come right once the fault is over. */
  static final Duration HEAL_BOUND = Duration.ofSeconds(90);

  /** What one round did and found. */
  record Result(Fault fault, int attaches, int detaches, int restarts, int failures,
      FleetCheck.Result check, Duration heal, boolean healed) {}

  private final Sandbox sandbox;
  private final List<SandboxHost> hosts;
  private final Map<String, DockerClient> engines;
  private final FleetCheck check;

  FaultRound(Sandbox sandbox, Map<String, DockerClient> engines, int blocksTotal) {
    this.sandbox = sandbox;
    // the fleet's hosts: those it has engines for (a sandbox may hold other tests' hosts too)
    this.hosts = sandbox.hosts().stream().filter(h -> engines.containsKey(h.name())).toList();
    this.engines = engines;
    this.check = new FleetCheck(hosts, engines, blocksTotal);
  }

  Result run(Fault fault, long seed) throws InterruptedException {
    List<Workload> workloads = new ArrayList<>();
    List<Thread> threads = new ArrayList<>();
    for (SandboxHost host : hosts) {
      Workload w = new Workload(host.name(), engines.get(host.name()), seed + host.index());
      workloads.add(w);
      Thread t = new Thread(w, "workload-" + host.name());
      threads.add(t);
      t.start();
    }
    fault.strike(sandbox, engines);
    Thread.sleep(LASTS.toMillis()); // the fault lasts this long, by design
    fault.end(sandbox, engines);
    workloads.forEach(Workload::stop);
    for (Thread t : threads) {
      t.join(Duration.ofSeconds(60).toMillis());
    }
    long ended = System.nanoTime();
    FleetCheck.Result last;
    while (true) {
      last = check.run();
      Duration took = Duration.ofNanos(System.nanoTime() - ended);
      if (last.clean() || took.compareTo(HEAL_BOUND) > 0) {
        return new Result(fault, sum(workloads, w -> w.attaches.get()), sum(workloads, w -> w.detaches.get()),
            sum(workloads, w -> w.restarts.get()), sum(workloads, w -> w.failures.get()), last, took,
            last.clean());
      }
    }
  }

  private static int sum(List<Workload> workloads, java.util.function.ToIntFunction<Workload> count) {
    return workloads.stream().mapToInt(count).sum();
  }
}
