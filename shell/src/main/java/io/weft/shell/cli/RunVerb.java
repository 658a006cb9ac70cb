package io.weft.shell.cli;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.exception.NotFoundException;
import io.weft.common.net.Cidr;
import io.weft.docker.engine.DockerClients;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code weft run [CIDR...] DOCKER-RUN-ARGS...}: docker run -d, then attach. */
@Command(mixinStandardHelpOptions = true, name = "run",
    customSynopsis = "weft run [--json] [CIDR...] [DOCKER-RUN-OPTIONS] IMAGE [COMMAND...]",
    description = "Run a container (detached) on the host DOCKER_HOST names and attach it to "
        + "weft; prints the container's id. The image must be on that host. With weft launched, "
        + "the container's DNS is weft's (--dns and --dns-search say otherwise).")
final class RunVerb implements Callable<Integer> {

  @Option(names = "--json", description = "print attach's reply as JSON")
  boolean json;

  @Parameters(arity = "1..*", paramLabel = "ARG")
  List<String> words = new ArrayList<>();

  @Override
  public Integer call() {
    List<String> cidrs = leadingCidrs(words);
    DockerRunArgs run = DockerRunArgs.parse(words.subList(cidrs.size(), words.size()));
    try (DockerClient docker = DockerClients.fromEnvironment()) {
      if (run.dns.isEmpty()) {
        WeftDns.of(docker).ifPresent(dns -> {
          run.dns.add(dns.server());
          if (run.dnsSearch.isEmpty()) {
            run.dnsSearch.add(dns.domain());
          }
        });
      }
      String id;
      try {
        var create = docker.createContainerCmd(run.image);
        run.applyTo(create);
        id = create.exec().getId();
      } catch (NotFoundException e) {
        throw new IllegalStateException("no image '" + run.image + "' on the host (weft run does not pull)");
      }
      return AttachAfterStart.startAndAttach(docker, id, cidrs, json, true);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
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
