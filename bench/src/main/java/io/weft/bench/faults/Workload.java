package io.weft.bench.faults;

import com.github.dockerjava.api.DockerClient;
import io.weft.common.bus.CommandRequest;
import io.weft.common.bus.HostReply;
import io.weft.common.bus.Target;
import io.weft.common.command.Attach;
import io.weft.common.command.Detach;
import io.weft.docker.agent.ExecChannel;
import io.weft.docker.image.DebianBase;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * What goes on on one host while faults strike: containers made and attached with automatic
 * addresses, detached, restarted and removed, one after another, through the host's Docker API
 * and agent. Failures are expected while a fault lasts (an agent gone, an owner away) and
 * counted, not fatal; what matters is what the fleet looks like afterwards.
 */
final class Workload implements Runnable {

  /** The label the workload's containers carry, so the suite can find and remove them. */
  static final String LABEL = "io.weft.faults";
  /** Containers a host keeps at most, so every round's checks look at a fleet of like size. */
  private static final int MOST = 8;

  private final String host;
  private final DockerClient engine;
  private final Random random;
  private final AtomicBoolean running = new AtomicBoolean(true);
  private final List<String> containers = new ArrayList<>();
  final AtomicInteger attaches = new AtomicInteger();
  final AtomicInteger detaches = new AtomicInteger();
  final AtomicInteger restarts = new AtomicInteger();
  final AtomicInteger removals = new AtomicInteger();
  final AtomicInteger failures = new AtomicInteger();

  Workload(String host, DockerClient engine, long seed) {
    this.host = host;
    this.engine = engine;
    this.random = new Random(seed);
  }

  @Override
  public void run() {
    while (running.get()) {
      try {
        step();
      } catch (RuntimeException e) {
        failures.incrementAndGet();
        pause(200); // an engine away (a reboot) refuses at once: do not spin
      }
    }
  }

  void stop() {
    running.set(false);
  }

  private void step() {
    int roll = random.nextInt(10);
    if (containers.size() < 3 || (roll < 5 && containers.size() < MOST)) {
      String id = engine.createContainerCmd(DebianBase.IMAGE).withCmd("sleep", "infinity")
          .withLabels(java.util.Map.of(LABEL, host)).exec().getId();
      containers.add(id);
      engine.startContainerCmd(id).exec();
      count(send(new Attach(List.of(), id)), attaches);
    } else if (roll < 6) {
      count(send(new Detach(List.of(), pick())), detaches);
    } else if (roll < 8) {
      engine.restartContainerCmd(pick()).withTimeout(0).exec();
      restarts.incrementAndGet();
    } else {
      String id = pick();
      engine.removeContainerCmd(id).withForce(true).exec();
      containers.remove(id);
      removals.incrementAndGet();
    }
  }

  private HostReply send(io.weft.common.command.Command<?> command) {
    return new ExecChannel(engine).command(new CommandRequest(Target.SELF, command)).get(0);
  }

  private void count(HostReply reply, AtomicInteger done) {
    (reply.ok() ? done : failures).incrementAndGet();
  }

  private String pick() {
    return containers.get(random.nextInt(containers.size()));
  }

  private static void pause(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
