package io.weft.agent.local;

import com.github.dockerjava.api.DockerClient;
import io.vertx.core.json.JsonObject;
import io.weft.agent.alloc.AddressBook;
import io.weft.agent.command.HostCommands;
import io.weft.agent.host.HostNetwork;
import io.weft.agent.netlink.Netlink;
import io.weft.common.ErrorCode;
import io.weft.common.WeftException;
import io.weft.common.alloc.AddressRange;
import io.weft.common.bus.HostReply;
import io.weft.common.command.Command;
import io.weft.common.command.CommandCodec;
import io.weft.common.command.ReplyText;
import io.weft.docker.Containers;
import io.weft.docker.DockerClients;
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

  public static final int OK = 0;
  public static final int FAILED = 1;
  public static final int USAGE = 2;

  private LocalMode() {}

  public static int run(List<String> args, PrintStream out, PrintStream err) {
    List<String> words = new ArrayList<>(args);
    boolean json = words.remove("--json");
    String verb = words.isEmpty() ? "" : words.get(0);
    HostReply reply;
    try (DockerClient docker = DockerClients.fromEnvironment()) {
      String host = hostName(docker);
      try (Netlink netlink = Netlink.open()) {
        Command command = CommandCodec.fromArgs(words);
        HostCommands commands = new HostCommands(new HostNetwork(netlink), new Containers(docker),
            AddressRange.DEFAULT, () -> host, AddressBook.KERNEL_ONLY);
        reply = HostReply.ok(host, commands.execute(command));
      } catch (WeftException e) {
        reply = HostReply.failed(host, e);
      } catch (RuntimeException e) {
        reply = HostReply.failed(host, ErrorCode.INTERNAL, String.valueOf(e));
      }
    } catch (java.io.IOException e) {
      reply = HostReply.failed("local", ErrorCode.DOCKER_FAILED, String.valueOf(e));
    }
    if (json) {
      out.println(reply.toJson().encode());
    } else if (reply.ok()) {
      out.println(ReplyText.format(verb, reply.result()));
    }
    if (reply.ok()) {
      return OK;
    }
    err.println("weft: " + reply.message().lines().findFirst().orElse(""));
    return reply.code() == ErrorCode.BAD_REQUEST || reply.code() == ErrorCode.BAD_CIDR ? USAGE : FAILED;
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
