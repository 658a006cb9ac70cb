package io.weft.agent;

import io.weft.agent.tls.SaltAdoption;
import java.util.List;

/**
 * Moves this host into the fleet of its password it should be in, when its fleet's salt may
 * yield: a fleet founded alone joins the one it was sent to once that answers, a fleet of the
 * first scheme follows a host moved to a salt of its own ({@link SaltAdoption}). It asks only the
 * join candidates that are not members already; when it takes a salt, the agent exits, and its
 * container's restart policy brings it back with the new keys.
 */
final class SaltService implements Service {

  private final SaltAdoption adoption;

  SaltService(Fleet fleet, ClusterService cluster) {
    this.adoption = new SaltAdoption(cluster.keyResolution(), cluster.keys().salt(),
        () -> notMembers(fleet, fleet.candidates().initial()), fleet.log()::say, () -> System.exit(0));
  }

  @Override
  public String name() {
    return "salt";
  }

  @Override
  public void start() {
    adoption.start();
  }

  @Override
  public void stop() {
    adoption.stop();
  }

  private static List<String> notMembers(Fleet fleet, List<String> candidates) {
    List<String> members = fleet.registry().snapshot().stream().map(p -> p.address()).toList();
    return candidates.stream().filter(a -> !members.contains(a)).toList();
  }
}
