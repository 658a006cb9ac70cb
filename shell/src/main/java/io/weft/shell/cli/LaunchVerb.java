package io.weft.shell.cli;

import io.vertx.core.json.JsonObject;
import io.weft.common.agent.AgentArguments;
import io.weft.common.agent.AgentReadyLine;
import io.weft.common.alloc.AddressRange;
import io.weft.common.net.PeerName;
import io.weft.docker.agent.AgentLauncher;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code weft launch [PEER...]}: the agent container on the host DOCKER_HOST names. */
@Command(name = "launch", mixinStandardHelpOptions = true,
    customSynopsis = "weft launch [--json] [--range CIDR] [--name NAME] [--dns-domain DOMAIN] [PEER...]",
    description = {
        "Start the weft agent (container 'weft') on the host DOCKER_HOST names and wait until it "
            + "has joined its peers: each PEER is another host's address or name. Fails within "
            + "60 s with the agent's last words if it does not come up.",
        "Launching again while the agent runs changes nothing (add peers with 'weft connect'); "
            + "a stopped agent is started again with the peers it was launched with. If the "
            + "agent reaches none of the given peers it stays up and keeps trying them, and "
            + "launch says so and fails."})
final class LaunchVerb implements Callable<Integer> {

  @Option(names = "--json", description = "print the outcome as JSON")
  boolean json;

  @Option(names = "--range", paramLabel = "CIDR",
      description = "the range containers' addresses come from (default 10.32.0.0/12)")
  String range;

  @Option(names = "--name", paramLabel = "NAME",
      description = "the host's name in the fleet (default: the Docker engine's name)")
  String name;

  @Option(names = "--dns-domain", paramLabel = "DOMAIN",
      description = "the domain weft's DNS knows containers in (default weft.local); give every "
          + "host of a fleet the same")
  String dnsDomain;

  @Parameters(arity = "0..*", paramLabel = "PEER")
  List<String> peers = new ArrayList<>();

  @Override
  public Integer call() {
    peers.forEach(PeerName::check);
    AgentArguments request = AgentArguments.forLaunch(peers,
        range == null ? null : AddressRange.parse(range), name, dnsDomain);
    AgentLauncher.Launched launched = OnEngine.with(docker -> new AgentLauncher(docker)
        .launch(request, line -> {
          if (!json) {
            System.out.println("  " + line);
          }
        }));
    if (json) {
      System.out.println(new JsonObject().put("ok", true).put("alreadyRunning", launched.alreadyRunning())
          .put("ready", launched.readyLine()).put("millis", launched.took().toMillis()).encode());
    } else if (launched.alreadyRunning()) {
      System.out.println("weft is already running on this host"
          + (peers.isEmpty() ? "" : "; to add peers to it use: weft connect PEER"));
    } else {
      System.out.println(AgentReadyLine.asUp(launched.readyLine())
          + " (" + launched.took().toMillis() + " ms)");
    }
    return 0;
  }
}
