package io.weft.shell.cli;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.command.CreateContainerCmd;
import com.github.dockerjava.api.exception.NotFoundException;
import io.weft.common.net.Cidr;
import io.weft.common.process.ProcessResult;
import io.weft.docker.agent.AgentContainer;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code weft run [CIDR...] DOCKER-RUN-ARGS...}: docker run, with the container on weft. docker
 * run's options are handed to the user's {@code docker} command line, so each means what it means
 * to Docker; where the machine has none, those people use most are put through the Engine API.
 * With weft launched the container joins Docker's network weft before it starts ({@link
 * RunOnWeftNetwork}); without, it is started and then attached, Weave 0.10's way.
 */
@Command(mixinStandardHelpOptions = true, name = "run",
    customSynopsis = "weft run [--json] [CIDR...] [DOCKER-RUN-OPTIONS] IMAGE [COMMAND...]",
    description = {"Run a container on the host DOCKER_HOST names, on weft, with any of docker run's options; "
        + "it runs detached and weft prints its id, unless -i, -t or -a asks for it in the foreground. "
        + "The image must be on that host.",
        "With weft launched, the container joins Docker's network weft before it starts (CIDR: its "
            + "address), beside the network docker run would give it (--network, or Docker's bridge), "
            + "with weft's DNS unless --dns says otherwise. Without, it is started and attached."})
final class RunVerb implements Callable<Integer> {

  /** Options that put a container in the foreground, with docker run's meaning. */
  private static final Set<String> FOREGROUND = Set.of("interactive", "tty", "attach");

  @Option(names = "--json", description = "print the container's addresses on weft as an attach reply, in JSON")
  boolean json;

  @Parameters(arity = "1..*", paramLabel = "ARG")
  List<String> words = new ArrayList<>();

  @Override
  public Integer call() {
    List<String> cidrs = leadingCidrs(words);
    DockerRunWords run = DockerRunWords.read(words.subList(cidrs.size(), words.size()));
    refuseNetworksWithoutWeft(run.value("network"));
    Optional<DockerCommandLine> cli = DockerCommandLine.find();
    return OnEngine.with(docker -> AgentContainer.isRunning(docker)
        ? new RunOnWeftNetwork(docker, run, cidrs, cli, json).run()
        : startThenAttach(docker, run, cidrs, cli));
  }

  /** In the foreground: -i, -t or -a, and no -d. */
  static boolean foreground(DockerRunWords run) {
    return !run.has("detach") && FOREGROUND.stream().anyMatch(run::has);
  }

  /** Without an agent: made, started and attached in a one-shot container, Weave 0.10's way. */
  private int startThenAttach(DockerClient docker, DockerRunWords run, List<String> cidrs,
      Optional<DockerCommandLine> cli) {
    if (foreground(run)) {
      throw new IllegalArgumentException("run: -i, -t and -a need weft launched (weft launch), which puts the "
          + "container on weft before it starts; or run it detached and weft attach it");
    }
    String id = cli.isPresent() ? created(cli.get(), run) : created(docker, run);
    return AttachAfterStart.startAndAttach(docker, id, cidrs, json, true);
  }

  private static String created(DockerCommandLine cli, DockerRunWords run) {
    List<String> args = new ArrayList<>(List.of("create"));
    args.addAll(run.wordsWithout(Set.of("detach", "sig-proxy", "detach-keys")));
    return idOf(cli.run(args), "docker create");
  }

  private static String created(DockerClient docker, DockerRunWords run) {
    try {
      CreateContainerCmd create = docker.createContainerCmd(run.image);
      DockerRunApi.applyTo(run, create);
      if (run.value("network") != null) {
        create.getHostConfig().withNetworkMode(run.value("network"));
      }
      return create.exec().getId();
    } catch (NotFoundException e) {
      throw new IllegalStateException("no image '" + run.image + "' on the host (weft run does not pull)");
    }
  }

  /** The container id docker printed last, or docker's own error. */
  static String idOf(ProcessResult result, String what) {
    if (result.exitCode() != 0) {
      String why = result.stderr().strip().replaceFirst("(?s)^docker: ", "");
      throw new IllegalStateException(what + ": " + why.lines().findFirst().orElse("exit " + result.exitCode()));
    }
    List<String> lines = result.stdout().strip().lines().toList();
    if (lines.isEmpty() || !lines.get(lines.size() - 1).matches("[0-9a-f]{12,64}")) {
      throw new IllegalStateException(what + " printed no container id: " + result.stdout().strip());
    }
    return lines.get(lines.size() - 1);
  }

  /** Networks that share a namespace, or have none, leave weft no place to put its interface. */
  private static void refuseNetworksWithoutWeft(String network) {
    if (network == null) {
      return;
    }
    if (network.equals("host") || network.startsWith("container:")) {
      throw new IllegalArgumentException("run: a container on --network " + network + " shares another's network "
          + "namespace, where weft cannot add an interface: drop --network, or use docker run alone");
    }
    if (network.equals("none")) {
      throw new IllegalArgumentException("run: --network none asks for no network, and so none of weft's: drop it");
    }
  }

  /** The CIDRs before the first other word, each checked. */
  static List<String> leadingCidrs(List<String> words) {
    List<String> cidrs = new ArrayList<>();
    for (String word : words) {
      if (!Cidr.looksLikeCidr(word)) {
        break;
      }
      Cidr.parse(word).requireHostAddress();
      cidrs.add(word);
    }
    return cidrs;
  }
}
