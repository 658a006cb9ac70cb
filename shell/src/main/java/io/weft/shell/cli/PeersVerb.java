package io.weft.shell.cli;

import io.vertx.core.json.JsonObject;
import io.weft.docker.agent.AgentPeers;
import io.weft.shell.text.PeerTable;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/** {@code weft peers}: the fleet as the local agent sees it. */
@Command(name = "peers", mixinStandardHelpOptions = true,
    description = "List the hosts of the fleet as the agent on the host DOCKER_HOST names sees "
        + "them: name, underlay address, member since, agent version, health; SELF marks that "
        + "host, PATH how its traffic reaches each other host (direct or relayed, encrypted or "
        + "not). A host whose agent is gone while its data plane still answers is listed too.")
final class PeersVerb implements Callable<Integer> {

  @Mixin ListOptions list;

  @Override
  public Integer call() {
    var style = list.style(PeerTable.COLUMNS);
    JsonObject[] views = OnEngine.with(docker -> {
      AgentPeers agent = new AgentPeers(docker);
      return new JsonObject[] {agent.view(), agent.wireView()};
    });
    if (style.json()) {
      System.out.println(views[0].copy().put("wire", views[1]).encode());
    } else {
      System.out.println(style.render(PeerTable.of(views[0], views[1], true)));
    }
    return 0;
  }
}
