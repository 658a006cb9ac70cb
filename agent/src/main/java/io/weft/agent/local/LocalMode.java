package io.weft.agent.local;

import com.github.dockerjava.api.DockerClient;
import io.vertx.core.json.JsonObject;
import io.weft.agent.command.HostCommands;
import io.weft.agent.host.HostNetwork;
import io.weft.agent.netlink.Netlink;
import io.weft.common.ErrorCode;
import io.weft.common.WeftException;
import io.weft.common.alloc.AddressRange;
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
 * namespaces, NET_ADMIN, SYS_ADMIN and SYS_PTRACE, and the host's Docker socket.
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
    try {
      Command command = CommandCodec.fromArgs(words);
      JsonObject reply;
      try (Netlink host = Netlink.open(); DockerClient docker = DockerClients.fromEnvironment()) {
        HostCommands commands = new HostCommands(new HostNetwork(host), new Containers(docker),
            AddressRange.DEFAULT, () -> docker.infoCmd().exec().getName());
        reply = commands.execute(command);
      }
      out.println(json
          ? new JsonObject().put("ok", true).put("verb", verb).put("result", reply).encode()
          : ReplyText.format(verb, reply));
      return OK;
    } catch (WeftException e) {
      report(json, verb, e.code(), e.getMessage(), out, err);
      return e.code() == ErrorCode.BAD_REQUEST || e.code() == ErrorCode.BAD_CIDR ? USAGE : FAILED;
    } catch (Exception e) {
      report(json, verb, ErrorCode.INTERNAL, String.valueOf(e), out, err);
      return FAILED;
    }
  }

  private static void report(
      boolean json, String verb, ErrorCode code, String message, PrintStream out, PrintStream err) {
    if (json) {
      out.println(new JsonObject().put("ok", false).put("verb", verb)
          .put("error", new JsonObject().put("code", code.name()).put("message", message)).encode());
    }
    err.println("weft: " + message.lines().findFirst().orElse(""));
  }
}
