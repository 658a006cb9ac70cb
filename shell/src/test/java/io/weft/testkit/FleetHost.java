package io.weft.testkit;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.exception.NotFoundException;
import com.github.dockerjava.api.model.Container;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.weft.common.process.HostProcess;
import io.weft.common.process.ProcessResult;
import io.weft.docker.engine.ContainerExec;
import io.weft.docker.engine.DockerClients;
import io.weft.docker.image.DebianBase;
import io.weft.shell.cli.CapturedRun;
import io.weft.shell.sandbox.SandboxHost;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * One sandbox host as a test meets it: its engine through docker-java and through the machine's
 * {@code docker} command line, the weft command line with DOCKER_HOST at it, and what its kernel
 * shows, read with iproute2 and ping from the machine rather than through weft. Tests name hosts
 * by what they do in the test; the host's own name ({@link #name()}) is for messages and for
 * what weft prints.
 */
public final class FleetHost {

  private final SandboxHost host;
  private DockerClient engine;

  FleetHost(SandboxHost host) {
    this.host = host;
  }

  public String name() {
    return host.name();
  }

  /** Its address on the underlay. */
  public String address() {
    return host.address();
  }

  /** Its engine's address, as DOCKER_HOST takes it. */
  public String dockerHost() {
    return host.dockerHost();
  }

  /** The name of its network namespace, for {@code ip -n} and {@code ip netns exec}. */
  public String netns() {
    return host.name();
  }

  public SandboxHost sandboxHost() {
    return host;
  }

  /** Its engine through docker-java, kept for the life of the sandbox. */
  public synchronized DockerClient engine() {
    if (engine == null) {
      engine = DockerClients.forHost(host.dockerHost());
    }
    return engine;
  }

  /** The machine's docker command line against this host. */
  public DockerCli docker() {
    return new DockerCli(name(), dockerHost());
  }

  /** {@code weft ARGS} with DOCKER_HOST at this host, run in this JVM. */
  public CapturedRun weft(String... args) {
    return typed("", args);
  }

  /** {@code weft ARGS} in this JVM with {@code input} on standard input. */
  public CapturedRun typed(String input, String... args) {
    return onEngine(dockerHost(), name(), Map.of(), input, args);
  }

  /** {@code weft ARGS} as above, with system {@code properties} this run alone sees. */
  public CapturedRun weftWith(Map<String, String> properties, String... args) {
    return onEngine(dockerHost(), name(), properties, "", args);
  }

  /** A run in this JVM at {@code dockerHost}; runs on other threads go on meanwhile. */
  private static CapturedRun onEngine(String dockerHost, String name, Map<String, String> properties,
      String input, String... args) {
    CapturedRun run = EngineOfThread.with(dockerHost, properties, () -> CapturedRun.withInput(input, args));
    System.out.println(name + "$ weft " + String.join(" ", args) + " -> " + run.exitCode()
        + "\n" + run.out().stripTrailing() + run.err().stripTrailing());
    return run;
  }

  /** A running container of the base image on no network; its id. */
  public String container() {
    String id = engine().createContainerCmd(DebianBase.IMAGE).withCmd("sleep", "infinity").exec().getId();
    engine().startContainerCmd(id).exec();
    return id;
  }

  /**
   * A sleeping container of the base image on this host's engine, through Testcontainers, not yet
   * started: configure it, {@code start()} it, and {@code close()} it when done.
   */
  public HostContainer testContainer() {
    return new HostContainer(this, DebianBase.IMAGE).withCommand("sleep", "infinity");
  }

  public void remove(String container) {
    engine().removeContainerCmd(container).withForce(true).exec();
  }

  /** Every container of this host, weft's agent among them. */
  void removeAllContainers() {
    for (Container c : engine().listContainersCmd().withShowAll(true).exec()) {
      try {
        remove(c.getId());
      } catch (NotFoundException goneAlready) {
        // removed meanwhile (a --rm container, say)
      }
    }
  }

  /** The process id of a running container (by id or name). */
  public int pid(String container) {
    return engine().inspectContainerCmd(container).exec().getState().getPidLong().intValue();
  }

  /** ethwe's IPv4 addresses read by iproute2 inside the container's namespace; none if no ethwe. */
  public List<String> ethwe(String container) {
    ProcessResult out = inContainer(container, "ip", "-j", "addr", "show", "dev", "ethwe").runAllowingFailure();
    if (out.exitCode() != 0) {
      return List.of();
    }
    return new JsonArray(out.stdout()).getJsonObject(0).getJsonArray("addr_info").stream()
        .map(a -> (JsonObject) a)
        .filter(a -> "inet".equals(a.getString("family")))
        .map(a -> a.getString("local") + "/" + a.getInteger("prefixlen"))
        .toList();
  }

  /** The first of ethwe's addresses, without its prefix length; fails when there is none. */
  public String ethweAddress(String container) {
    List<String> addresses = ethwe(container);
    if (addresses.isEmpty()) {
      throw new AssertionError(container + " on " + name() + " has no ethwe address");
    }
    return addresses.get(0).split("/")[0];
  }

  public String ethweMac(String container) {
    String out = inContainer(container, "ip", "-j", "link", "show", "dev", "ethwe").run();
    return new JsonArray(out).getJsonObject(0).getString("address");
  }

  /** One ping from the container, waiting up to {@code seconds} (0.2 works) for the answer. */
  public boolean ping(String container, String address, double seconds) {
    try {
      return inContainer(container, "ping", "-c", "1", "-W", String.valueOf(seconds), address)
          .runAllowingFailure().exitCode() == 0;
    } catch (RuntimeException gone) {
      return false; // the container is not running (now)
    }
  }

  /** A program of the machine run in the network namespace of a container of this host. */
  public HostProcess inContainer(String container, String... command) {
    List<String> argv = new ArrayList<>(List.of("nsenter", "--net=/proc/" + pid(container) + "/ns/net"));
    argv.addAll(List.of(command));
    return HostProcess.of(argv);
  }

  /** A program of the machine run in this host's network namespace. */
  public HostProcess inHost(String... command) {
    List<String> argv = new ArrayList<>(List.of("ip", "netns", "exec", netns()));
    argv.addAll(List.of(command));
    return HostProcess.of(argv);
  }

  /** A command run in a container through Docker's exec. */
  public ProcessResult exec(String container, String... command) {
    return ContainerExec.run(engine(), container, command);
  }

  /** The names in this host's peer table; none when it cannot say. */
  public Set<String> peerNames() {
    CapturedRun run = weft("peers", "--json");
    Set<String> names = new TreeSet<>();
    if (run.exitCode() == 0) {
      new JsonObject(run.out()).getJsonArray("peers").forEach(p -> names.add(((JsonObject) p).getString("name")));
    }
    return names;
  }

  /** The agent's log. */
  public String agentLog() {
    ProcessResult logs = HostProcess.of("docker", "-H", dockerHost(), "logs", "weft").timeoutSeconds(20).runAllowingFailure();
    return logs.stdout() + logs.stderr();
  }

  public boolean hasAgentContainer() {
    try {
      engine().inspectContainerCmd("weft").exec();
      return true;
    } catch (NotFoundException e) {
      return false;
    }
  }

  public void removeAgentContainer() {
    engine().removeContainerCmd("weft").withForce(true).exec();
  }

  /** The agent's process id, as the machine sees it. */
  public long agentPid() {
    return engine().inspectContainerCmd("weft").exec().getState().getPidLong();
  }

  /** The agent's resident memory in kB, or why it cannot be read. */
  public String agentResidentKb() {
    try {
      return Files.readAllLines(Path.of("/proc", String.valueOf(agentPid()), "status")).stream()
          .filter(l -> l.startsWith("VmRSS:")).findFirst().orElse("VmRSS: ?")
          .replaceAll("[^0-9]", "");
    } catch (IOException | RuntimeException e) {
      return "unknown (" + e + ")";
    }
  }

  /** Closes the client; the next use opens another (a restarted engine is a new one). */
  synchronized void closeEngine() {
    if (engine != null) {
      try {
        engine.close();
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      } finally {
        engine = null;
      }
    }
  }

  @Override
  public String toString() {
    return name();
  }
}
