package io.weft.shell.cli;

import com.github.dockerjava.api.command.CreateContainerCmd;
import com.github.dockerjava.api.model.Bind;
import com.github.dockerjava.api.model.HostConfig;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * The part of {@code docker run}'s arguments that {@code weft run} understands and passes to the
 * engine through its API. The container always runs detached; its network is weft's.
 */
@Command(name = "docker run")
final class DockerRunArgs {

  @Option(names = "--name") String name;
  @Option(names = {"-e", "--env"}) List<String> env = new ArrayList<>();
  @Option(names = {"-l", "--label"}) List<String> labels = new ArrayList<>();
  @Option(names = {"-h", "--hostname"}) String hostname;
  @Option(names = {"-v", "--volume"}) List<String> volumes = new ArrayList<>();
  @Option(names = {"-w", "--workdir"}) String workdir;
  @Option(names = {"-u", "--user"}) String user;
  @Option(names = "--entrypoint") String entrypoint;
  @Option(names = "--rm") boolean remove;
  @Option(names = {"-d", "--detach"}) boolean detach;
  @Option(names = "--dns") List<String> dns = new ArrayList<>();
  @Option(names = "--dns-search") List<String> dnsSearch = new ArrayList<>();
  @Option(names = {"-i", "--interactive", "-t", "--tty"}) boolean interactive;
  @Option(names = "--net", hidden = true) String net;
  @Option(names = "--network", hidden = true) String network;

  @Parameters(index = "0", paramLabel = "IMAGE") String image;
  @Parameters(index = "1..*", paramLabel = "COMMAND") List<String> command = new ArrayList<>();

  /** Parses the words; a wrong one is a usage error naming it. */
  static DockerRunArgs parse(List<String> words) {
    DockerRunArgs args = new DockerRunArgs();
    CommandLine parser = new CommandLine(args);
    parser.setStopAtPositional(true);
    try {
      parser.parseArgs(words.toArray(String[]::new));
    } catch (CommandLine.ParameterException e) {
      throw new IllegalArgumentException("run: " + e.getMessage().replace("Unknown option", "unknown docker run option")
          + " (weft run takes --name, -e, -l, -h, -v, -w, -u, --entrypoint, --rm, -d, --dns, --dns-search,"
          + " then IMAGE [COMMAND...])");
    }
    if (args.interactive) {
      throw new IllegalArgumentException("run: containers run detached; -i and -t are not supported");
    }
    if (args.net != null || args.network != null) {
      throw new IllegalArgumentException("run: the container's network is weft's; drop --net");
    }
    return args;
  }

  void applyTo(CreateContainerCmd create) {
    if (name != null) {
      create.withName(name);
    }
    if (hostname != null) {
      create.withHostName(hostname);
    }
    if (workdir != null) {
      create.withWorkingDir(workdir);
    }
    if (user != null) {
      create.withUser(user);
    }
    if (entrypoint != null) {
      create.withEntrypoint(entrypoint);
    }
    if (!command.isEmpty()) {
      create.withCmd(command);
    }
    create.withEnv(env);
    Map<String, String> labelMap = new LinkedHashMap<>();
    for (String label : labels) {
      int eq = label.indexOf('=');
      labelMap.put(eq < 0 ? label : label.substring(0, eq), eq < 0 ? "" : label.substring(eq + 1));
    }
    create.withLabels(labelMap);
    HostConfig host = HostConfig.newHostConfig().withAutoRemove(remove);
    if (!volumes.isEmpty()) {
      host.withBinds(volumes.stream().map(Bind::parse).toList());
    }
    if (!dns.isEmpty()) {
      host.withDns(dns);
    }
    if (!dnsSearch.isEmpty()) {
      host.withDnsSearch(dnsSearch);
    }
    create.withHostConfig(host);
  }
}
