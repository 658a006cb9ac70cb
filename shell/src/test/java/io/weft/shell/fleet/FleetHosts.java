package io.weft.shell.fleet;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.github.dockerjava.api.DockerClient;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.weft.common.process.HostProcess;
import io.weft.common.process.ProcessResult;
import io.weft.docker.engine.ContainerExec;
import io.weft.docker.engine.DockerClients;
import io.weft.docker.image.DebianBase;
import io.weft.shell.cli.CapturedRun;
import io.weft.shell.cli.PasswordFiles;
import io.weft.shell.sandbox.Sandbox;
import io.weft.shell.sandbox.SandboxHosts;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A sandbox of hosts for the fleet's integration tests, with what they ask of it: the command
 * line on a host, containers, and what the kernel of a container shows, read with iproute2 and
 * ping from the machine rather than through weft.
 */
final class FleetHosts implements AutoCloseable {

  final Sandbox sandbox;
  private final Map<String, DockerClient> engines = new ConcurrentHashMap<>();
  private Path passwordFile;

  private FleetHosts(Sandbox sandbox) {
    this.sandbox = sandbox;
    sandbox.hosts().forEach(h -> engines.put(h.name(), DockerClients.forHost(h.dockerHost())));
  }

  /** A fresh sandbox of {@code count} hosts. */
  static FleetHosts up(int count) {
    return new FleetHosts(SandboxHosts.up(count));
  }

  /**
   * {@code weft launch} on every host, each knowing only the one before it: the first makes the
   * fleet and its password, the others join with that password, as an operator would hand it on.
   */
  FleetHosts launched() {
    List<String> names = names();
    for (int i = 0; i < names.size(); i++) {
      CapturedRun run = i == 0 ? weft(names.get(0), "launch")
          : weft(names.get(i), "launch", "--password-file", passwordFile().toString(),
              address(names.get(i - 1)));
      assertEquals(0, run.exitCode(), run.err());
    }
    return this;
  }

  /** The fleet's password, as the first host keeps it, in a file for {@code --password-file}. */
  Path passwordFile() {
    if (passwordFile == null) {
      passwordFile = PasswordFiles.ofAgentOn(sandbox.hosts().get(0).dockerHost());
    }
    return passwordFile;
  }

  List<String> names() {
    return sandbox.hosts().stream().map(h -> h.name()).toList();
  }

  CapturedRun weft(String host, String... args) {
    return OnHost.weft(sandbox, host, args);
  }

  String address(String host) {
    return sandbox.host(host).address();
  }

  DockerClient engine(String host) {
    return engines.get(host);
  }

  /** A running container of the base image on {@code host}, on no network. */
  String container(String host) {
    DockerClient engine = engines.get(host);
    String id = engine.createContainerCmd(DebianBase.IMAGE).withCmd("sleep", "infinity").exec().getId();
    engine.startContainerCmd(id).exec();
    return id;
  }

  int pid(String host, String id) {
    return engines.get(host).inspectContainerCmd(id).exec().getState().getPidLong().intValue();
  }

  /** ethwe's IPv4 addresses read by iproute2 inside the container's namespace; none if no ethwe. */
  List<String> ethwe(String host, String id) {
    ProcessResult out = HostProcess.of("nsenter", "--net=/proc/" + pid(host, id) + "/ns/net",
        "ip", "-j", "addr", "show", "dev", "ethwe").runAllowingFailure();
    if (out.exitCode() != 0) {
      return List.of();
    }
    return new JsonArray(out.stdout()).getJsonObject(0).getJsonArray("addr_info").stream()
        .map(a -> (JsonObject) a)
        .filter(a -> "inet".equals(a.getString("family")))
        .map(a -> a.getString("local") + "/" + a.getInteger("prefixlen"))
        .toList();
  }

  String ethweMac(String host, String id) {
    String out = HostProcess.of("nsenter", "--net=/proc/" + pid(host, id) + "/ns/net",
        "ip", "-j", "link", "show", "dev", "ethwe").run();
    return new JsonArray(out).getJsonObject(0).getString("address");
  }

  /** One ping from the container, waiting up to {@code seconds} (0.2 works) for the answer. */
  boolean ping(String host, String id, String address, double seconds) {
    try {
      return HostProcess.of("nsenter", "--net=/proc/" + pid(host, id) + "/ns/net",
          "ping", "-c", "1", "-W", String.valueOf(seconds), address).runAllowingFailure().exitCode() == 0;
    } catch (RuntimeException gone) {
      return false; // the container is not running (now)
    }
  }

  /** The names in {@code host}'s peer table; none when it cannot say. */
  Set<String> peerNames(String host) {
    CapturedRun run = weft(host, "peers", "--json");
    Set<String> names = new TreeSet<>();
    if (run.exitCode() == 0) {
      new JsonObject(run.out()).getJsonArray("peers").forEach(p -> names.add(((JsonObject) p).getString("name")));
    }
    return names;
  }

  /** Every address on every host's containers, as each host's kernel has them (through weft's ps). */
  List<String> addressesEverywhere() {
    List<String> all = new ArrayList<>();
    for (String host : names()) {
      CapturedRun ps = weft(host, "ps", "--json");
      assertEquals(0, ps.exitCode(), ps.err());
      for (Object row : new JsonObject(ps.out()).getJsonObject("result").getJsonArray("containers")) {
        ((JsonObject) row).getJsonArray("addresses").forEach(a -> all.add(a.toString().split("/")[0]));
      }
    }
    return all;
  }

  /** The agent's log on {@code host}. */
  String agentLog(String host) {
    ProcessResult logs = HostProcess.of("docker", "-H", sandbox.host(host).dockerHost(), "logs", "weft")
        .runAllowingFailure();
    return logs.stdout() + logs.stderr();
  }

  String exec(String host, String container, String... command) {
    ProcessResult r = ContainerExec.run(engines.get(host), container, command);
    return r.stdout() + r.stderr();
  }

  @Override
  public void close() throws IOException {
    for (DockerClient engine : engines.values()) {
      engine.close();
    }
    SandboxHosts.down(sandbox);
  }
}
