package io.weft.agent;

import io.weft.agent.tls.SaltAdoption;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Moves this host into the fleet of its password it should be in, when its fleet's salt may
 * yield: a fleet founded alone joins the one it was sent to once that answers, a fleet of the
 * first scheme follows a host moved to a salt of its own ({@link SaltAdoption}). It asks only the
 * join candidates that are not members already, on a thread of its own (a look takes seconds);
 * when it takes a salt, the agent exits, and its container's restart policy brings it back with
 * the new keys.
 */
final class SaltService implements Service {

  private final Fleet fleet;
  private final SaltAdoption adoption;
  private final AtomicBoolean looking = new AtomicBoolean();
  private ExecutorService thread;

  SaltService(Fleet fleet, ClusterService cluster) {
    this.fleet = fleet;
    this.adoption = new SaltAdoption(cluster.keyResolution(), cluster.keys().salt(),
        () -> notMembers(fleet.candidates().initial()), fleet.log()::say);
  }

  @Override
  public String name() {
    return "salt";
  }

  @Override
  public void start() {
    if (!adoption.mayMove()) {
      return;
    }
    thread = AgentThreads.single("weft-salt");
    fleet.schedule().every(AgentPeriods.SALT_LOOK, () -> {
      if (looking.compareAndSet(false, true)) {
        thread.execute(this::look);
      }
    });
  }

  @Override
  public void stop() {
    if (thread != null) {
      thread.shutdownNow();
    }
  }

  private void look() {
    try {
      if (adoption.lookOnce()) {
        System.exit(0);
      }
    } finally {
      looking.set(false);
    }
  }

  private List<String> notMembers(List<String> candidates) {
    List<String> members = fleet.registry().snapshot().stream().map(p -> p.address()).toList();
    return candidates.stream().filter(a -> !members.contains(a)).toList();
  }
}
