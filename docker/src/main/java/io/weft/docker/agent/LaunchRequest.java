package io.weft.docker.agent;

import java.util.ArrayList;
import java.util.List;

/**
 * What {@code weft launch} asks of the agent.
 *
 * @param peers addresses or host names to join
 * @param range the allocation range, null for the agent's default
 * @param name the host's name in the fleet, null for the engine's
 */
public record LaunchRequest(List<String> peers, String range, String name) {

  public LaunchRequest {
    peers = List.copyOf(peers);
  }

  /** The agent's arguments. */
  List<String> agentArgs() {
    List<String> args = new ArrayList<>();
    peers.forEach(p -> args.addAll(List.of("--peer", p)));
    if (range != null) {
      args.addAll(List.of("--range", range));
    }
    if (name != null) {
      args.addAll(List.of("--name", name));
    }
    return args;
  }
}
