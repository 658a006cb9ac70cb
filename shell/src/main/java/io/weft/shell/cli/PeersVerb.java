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
        + "them: name, underlay address, member since, agent version, health, and how this "
        + "host's traffic reaches it (direct or relayed, encrypted or not). A host whose agent "
        + "is gone while its data plane still answers is listed too.")
final class PeersVerb implements Callable<Integer> {

  @Option(names = "--json", description = "print the peer table as JSON")
  boolean json;

  @Override
  public Integer call() {
    JsonObject[] views = OnEngine.with(docker -> {
      AgentPeers agent = new AgentPeers(docker);
      return new JsonObject[] {agent.view(), agent.wireView()};
    });
    JsonObject view = views[0];
    JsonObject wire = views[1];
    if (json) {
      System.out.println(view.copy().put("wire", wire).encode());
      return 0;
    }
    for (String line : PeerTable.rows(view, wire)) {
      System.out.println(line);
    }
    return 0;
  }
}
