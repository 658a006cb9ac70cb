package io.weft.shell.cli;

import io.vertx.core.json.JsonObject;
import io.weft.docker.agent.AgentPeers;
import io.weft.shell.text.PeerTable;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code weft peers}: the fleet as the local agent sees it. */
@Command(name = "peers", mixinStandardHelpOptions = true,
    description = "List the hosts of the fleet as the agent on the host DOCKER_HOST names sees "
        + "them: name, underlay address, member since, agent version, health.")
final class PeersVerb implements Callable<Integer> {

  @Option(names = "--json", description = "print the peer table as JSON")
  boolean json;

  @Override
  public Integer call() {
    JsonObject view = OnEngine.with(docker -> new AgentPeers(docker).view());
    if (json) {
      System.out.println(view.encode());
      return 0;
    }
    for (Object row : view.getJsonArray("peers")) {
      JsonObject p = (JsonObject) row;
      System.out.println(PeerTable.row(p, p.getString("name").equals(view.getString("host"))));
    }
    return 0;
  }
}
