package io.weft.agent.dns;

import io.weft.agent.cluster.Members;
import java.util.Set;
import java.util.function.Predicate;

/**
 * The hosts in the fleet now, as this member's own view has them, kept up to date as members
 * come and go: read on every DNS answer, so it must cost a look at a set, no more.
 */
public final class LiveHosts implements Predicate<String> {

  private volatile Set<String> hosts;

  private LiveHosts(Set<String> hosts) {
    this.hosts = hosts;
  }

  /** Follows {@code members} from now on. */
  public static LiveHosts of(Members members) {
    LiveHosts live = new LiveHosts(Set.copyOf(members.hosts()));
    members.onChange(() -> live.hosts = Set.copyOf(members.hosts()));
    return live;
  }

  @Override
  public boolean test(String host) {
    return hosts.contains(host);
  }

  public Set<String> now() {
    return hosts;
  }
}
