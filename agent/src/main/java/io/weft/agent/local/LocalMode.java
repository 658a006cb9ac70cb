package io.weft.agent.local;

import com.github.dockerjava.api.DockerClient;
import io.weft.agent.alloc.KernelAddressBook;
import io.weft.agent.command.HostCommands;
import io.weft.agent.command.HostContext;
import io.weft.agent.host.HostNetwork;
import io.weft.agent.host.Underlay;
import io.weft.agent.netlink.Netlink;
import io.weft.common.ErrorCode;
import io.weft.common.ExitStatus;
import io.weft.common.WeftException;
import io.weft.common.agent.OneShot;
import io.weft.common.alloc.AddressRange;
import io.weft.common.bus.HostReply;
import io.weft.common.command.Command;
import io.weft.common.command.Verbs;
import io.weft.common.net.Cidr;
import io.weft.docker.engine.DockerClients;
import io.weft.docker.engine.EngineContainers;
import java.io.IOException;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code --local [--json] COMMAND ARGS...}: one command carried out on the host this process
 * runs on, then exit, as Weave's {@code weaveexec --local} did. Needs the host's network and pid
 * namespaces, NET_ADMIN, SYS_ADMIN and SYS_PTRACE, and the host's Docker socket. With --json it
 * prints the same reply the agent gives on the bus.
 */
public final class LocalMode {

  private LocalMode() {}

  /** @param args what follows {@code --local} */
  public static int run(List<String> args, PrintStream out, PrintStream err) {
    List<String> words = new ArrayList<>(args);
    boolean json = words.remove(OneShot.JSON);
    String verb = words.isEmpty() ? "" : words.get(0);
    HostReply reply;
    try (DockerClient docker = DockerClients.fromEnvironment()) {
      String host = hostName(docker);
      try (Netlink netlink = Netlink.open()) {
        Command<?> command = Verbs.fromWords(words);
        HostNetwork kernel = new HostNetwork(netlink);
        List<Cidr> underlays = Underlay.networks(netlink);
        HostCommands commands = new HostCommands(new HostContext(kernel, new EngineContainers(docker),
            new KernelAddressBook(kernel), AddressRange.DEFAULT, host, () -> underlays));
        reply = HostReply.ok(host, commands.execute(command).toJson());
      } catch (WeftException e) {
        reply = HostReply.failed(host, e);
      } catch (RuntimeException e) {
        reply = HostReply.failed(host, ErrorCode.INTERNAL, String.valueOf(e));
      }
    } catch (IOException e) {
      reply = HostReply.failed("local", ErrorCode.DOCKER_FAILED, String.valueOf(e));
    }
    if (json) {
      out.println(reply.toJson().encode());
    } else if (reply.ok()) {
      out.println(Verbs.resultOf(verb, reply.result()).text());
    }
    if (reply.ok()) {
      return ExitStatus.OK;
    }
    err.println("weft: " + reply.message().lines().findFirst().orElse(""));
    return ExitStatus.of(reply.code());
  }

  /** The engine's name for its host, as the fleet knows it; "local" when the engine is silent. */
  private static String hostName(DockerClient docker) {
    try {
      return docker.infoCmd().exec().getName();
    } catch (RuntimeException e) {
      return "local";
    }
  }
}
