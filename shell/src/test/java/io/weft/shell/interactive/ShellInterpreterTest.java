package io.weft.shell.interactive;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.weft.common.bus.CommandRequest;
import io.weft.common.bus.HostReply;
import io.weft.docker.agent.AgentChannel;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The shell's handling of typed lines, against an agent that records what it is sent. */
class ShellInterpreterTest {

  private final List<JsonObject> sent = new ArrayList<>();
  private final ByteArrayOutputStream out = new ByteArrayOutputStream();
  private final ByteArrayOutputStream err = new ByteArrayOutputStream();
  private final ShellInterpreter shell = new ShellInterpreter(new AgentChannel() {
    @Override
    public List<HostReply> command(CommandRequest request) {
      sent.add(request.toJson());
      return List.of(HostReply.ok("host3", new JsonObject().put("removed", new JsonArray())));
    }

    @Override
    public JsonObject peers() {
      return new JsonObject().put("host", "host1").put("peers", new JsonArray()
          .add(new JsonObject().put("name", "host1").put("address", "172.29.0.11")));
    }
  }, new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8));

  @Test
  void aVerbWithHostAndJsonAnywhereOnTheLineGoesToThatHost() {
    assertTrue(shell.execute(List.of("reset", "--json", "--host", "host3")));
    assertEquals(1, sent.size());
    assertEquals("host3", sent.get(0).getString("target"));
    assertEquals("reset", sent.get(0).getJsonObject("command").getString("verb"));
    assertTrue(out.toString(StandardCharsets.UTF_8).startsWith("{\"host\":\"host3\""), out.toString());
  }

  @Test
  void withoutHostTheCommandIsForTheAgentsOwnHost() {
    shell.execute(List.of("reset"));
    assertEquals("self", sent.get(0).getString("target"));
    assertEquals("nothing to remove", out.toString(StandardCharsets.UTF_8).strip());
  }

  @Test
  void aBadLineIsOneErrorLineAndTheShellGoesOn() {
    assertTrue(shell.execute(List.of("attach", "10.32.0.1/40", "web")));
    assertTrue(shell.execute(List.of("ps", "--host")));
    assertTrue(sent.isEmpty(), "nothing reaches the agent");
    List<String> lines = err.toString(StandardCharsets.UTF_8).lines().toList();
    assertEquals(2, lines.size(), lines.toString());
    assertTrue(lines.get(1).contains("--host needs a NAME"), lines.toString());
  }

  @Test
  void aMistypedVerbOrOptionGetsTheOneMeant() {
    shell.execute(List.of("atach", "10.32.0.1/12", "web"));
    shell.execute(List.of("ps", "--jsno"));
    shell.execute(List.of("frobnicate"));
    assertTrue(sent.isEmpty(), "nothing reaches the agent");
    List<String> lines = err.toString(StandardCharsets.UTF_8).lines().toList();
    assertEquals("weft: unknown command 'atach' (did you mean 'attach'?)", lines.get(0));
    assertEquals("weft: unknown option '--jsno' (did you mean '--json'?)", lines.get(1));
    assertTrue(lines.get(2).startsWith("weft: unknown command 'frobnicate' (one of: attach,"), lines.get(2));
  }

  @Test
  void exitEndsTheShellAndAnEmptyLineDoesNothing() {
    assertTrue(shell.execute(List.of()));
    assertFalse(shell.execute(List.of("exit")));
    assertFalse(shell.execute(List.of("quit")));
    assertTrue(sent.isEmpty());
  }

  @Test
  void peersAndHostNamesComeFromTheAgent() {
    shell.execute(List.of("peers"));
    List<String> lines = out.toString(StandardCharsets.UTF_8).lines().toList();
    assertTrue(lines.get(0).startsWith("NAME "), lines.toString());
    assertTrue(lines.get(1).startsWith("host1 ") && lines.get(1).endsWith("*"), lines.toString());
    out.reset();
    shell.execute(List.of("peers", "-q"));
    assertEquals("host1", out.toString(StandardCharsets.UTF_8).strip());
    assertEquals(List.of("host1"), shell.hostNames());
  }
}
