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
        + "host.")
final class PeersVerb implements Callable<Integer> {

  @Mixin ListOptions list;

  @Override
  public Integer call() {
    var style = list.style(PeerTable.COLUMNS);
    JsonObject view = OnEngine.with(docker -> new AgentPeers(docker).view());
    if (style.json()) {
      System.out.println(view.encode());
    } else {
      System.out.println(style.render(PeerTable.of(view, true)));
    }
    return 0;
  }
}
