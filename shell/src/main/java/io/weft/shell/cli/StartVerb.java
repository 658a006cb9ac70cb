package io.weft.shell.cli;

import com.github.dockerjava.api.DockerClient;
import io.weft.docker.engine.DockerClients;
import io.weft.docker.engine.EngineContainers;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code weft start [CIDR...] CONTAINER}: docker start, then attach. */
@Command(mixinStandardHelpOptions = true, name = "start", customSynopsis = "weft start [--json] [CIDR...] CONTAINER",
    description = "Start a stopped container on the host DOCKER_HOST names and attach it to weft.")
final class StartVerb implements Callable<Integer> {

  @Option(names = "--json", description = "print attach's reply as JSON")
  boolean json;

  @Parameters(arity = "1..*", paramLabel = "ARG")
  List<String> words = new ArrayList<>();

  @Override
  public Integer call() {
    List<String> cidrs = RunVerb.leadingCidrs(words);
    if (words.size() != cidrs.size() + 1) {
      throw new IllegalArgumentException("start takes [CIDR...] CONTAINER, got: " + String.join(" ", words));
    }
    String container = words.get(words.size() - 1);
    try (DockerClient docker = DockerClients.fromEnvironment()) {
      String id = new EngineContainers(docker).inspect(container).id();
      return AttachAfterStart.startAndAttach(docker, id, cidrs, json, false);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
