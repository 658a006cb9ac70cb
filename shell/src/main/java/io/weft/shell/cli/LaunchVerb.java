package io.weft.shell.cli;

import io.vertx.core.json.JsonObject;
import io.weft.common.ErrorCode;
import io.weft.common.WeftException;
import io.weft.common.agent.AgentArguments;
import io.weft.common.agent.AgentReadyLine;
import io.weft.common.agent.FleetPassword;
import io.weft.common.alloc.AddressRange;
import io.weft.common.net.PeerName;
import io.weft.docker.agent.AgentLauncher;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code weft launch [PEER...]}: the agent container on the host DOCKER_HOST names. */
@Command(name = "launch", mixinStandardHelpOptions = true,
    customSynopsis = "weft launch [--json] [--range CIDR] [--name NAME] [--dns-domain DOMAIN] [--password-file FILE] [--force] [--no-encrypt] [--mtu MTU] [PEER...]",
    description = {
        "Start the weft agent (container 'weft') on the host DOCKER_HOST names and wait until it "
            + "has joined its peers: each PEER is another host's address or name. Fails within "
            + "60 s with the agent's last words if it does not come up.",
        "Joining a fleet needs its password, in WEFT_PASSWORD or a file (--password-file): "
            + "'weft password' on one of its hosts shows it. A new fleet (no PEER) gets a strong "
            + "one made for it unless one is given. The host keeps it in its state volume, never "
            + "in the container's environment or arguments; a host whose password the fleet "
            + "refuses is not left behind. A password given is refused when it is too easy to "
            + "guess (see docs/security.md), unless --force.",
        "Launching again while the agent runs changes nothing (add peers with 'weft connect'); "
            + "a stopped agent is started again with the peers it was launched with. If the "
            + "agent reaches none of the given peers it stays up and keeps trying them, and "
            + "launch says so and fails.",
        "A fleet encrypts the traffic between its hosts (WireGuard) unless its founder launches "
            + "it with --no-encrypt, for a network they trust; hosts that join take their fleet's "
            + "choice and cannot weaken it."})
final class LaunchVerb implements Callable<Integer> {

  @Option(names = "--json", description = "print the outcome as JSON")
  boolean json;

  @Option(names = "--range", paramLabel = "CIDR",
      description = "the range containers' addresses come from (default 10.32.0.0/12)")
  String range;

  @Option(names = "--name", paramLabel = "NAME",
      description = "the host's name in the fleet (default: the Docker engine's name)")
  String name;

  @Option(names = "--password-file", paramLabel = "FILE",
      description = "read the fleet password from FILE (default: WEFT_PASSWORD, or a new one for a new fleet)")
  String passwordFile;

  @Option(names = "--force",
      description = "take a fleet password given even below the strength floor")
  boolean force;

  @Option(names = "--dns-domain", paramLabel = "DOMAIN",
      description = "the domain weft's DNS knows containers in (default weft.local); give every "
          + "host of a fleet the same")
  String dnsDomain;

  @Option(names = "--no-encrypt", description = "found a fleet whose traffic between hosts is "
      + "not encrypted, for a network you trust (only with no PEER: a joining host takes its "
      + "fleet's choice)")
  boolean noEncrypt;

  @Option(names = "--mtu", paramLabel = "MTU", description = "the MTU of weft's bridge and "
      + "containers (default: the underlay's, less what VXLAN and WireGuard add)")
  String mtu;

  @Parameters(arity = "0..*", paramLabel = "PEER")
  List<String> peers = new ArrayList<>();

  @Override
  public Integer call() {
    peers.forEach(PeerName::check);
    if (noEncrypt && !peers.isEmpty()) {
      throw new WeftException(ErrorCode.BAD_REQUEST, "--no-encrypt is a new fleet's choice, made by its "
          + "founder (launched with no PEER); a joining host takes its fleet's");
    }
    AgentArguments request = AgentArguments.forLaunch(peers,
        range == null ? null : AddressRange.parse(range), name, dnsDomain)
        .withWire(noEncrypt, mtu == null ? 0 : AgentArguments.mtu(mtu));
    Optional<FleetPassword> password = GivenPassword.read(passwordFile, force);
    AgentLauncher.Launched launched = OnEngine.with(docker -> new AgentLauncher(docker)
        .launch(request, password, line -> {
          if (!json) {
            System.out.println("  " + line);
          }
        }));
    if (json) {
      System.out.println(new JsonObject().put("ok", true).put("alreadyRunning", launched.alreadyRunning())
          .put("ready", launched.readyLine()).put("newPassword", launched.newPassword())
          .put("millis", launched.took().toMillis()).encode());
    } else if (launched.alreadyRunning()) {
      System.out.println("weft is already running on this host"
          + (peers.isEmpty() ? "" : "; to add peers to it use: weft connect PEER"));
    } else {
      System.out.println(AgentReadyLine.asUp(launched.readyLine())
          + " (" + launched.took().toMillis() + " ms)");
      if (launched.newPassword()) {
        System.out.println("a new fleet, with a password made for it and kept on this host: "
            + "'weft password' shows it, and other hosts join with it");
      }
      System.out.println("containers Docker puts on weft (docker run --net=weft, Compose) find the fleet's names "
          + "with $(weft dns-args), or, host-wide, with the dns settings weft dns-args --daemon-json prints "
          + "for /etc/docker/daemon.json");
    }
    return 0;
  }
}
