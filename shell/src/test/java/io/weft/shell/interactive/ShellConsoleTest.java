package io.weft.shell.interactive;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.weft.common.bus.CommandRequest;
import io.weft.common.bus.HostReply;
import io.weft.docker.agent.AgentChannel;
import java.io.BufferedReader;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Lines cut into words as a Unix shell cuts them, typed or piped in. */
class ShellConsoleTest {

  @Test
  void aQuotedWordStaysOneWordWithoutItsQuotes() {
    assertEquals(List.of("dns-add", "a b", "10.32.0.5"), ShellConsole.words("dns-add 'a b' 10.32.0.5"));
    assertEquals(List.of("attach", "10.32.0.5/12", "web"), ShellConsole.words("  attach \"10.32.0.5/12\"   web "));
    assertEquals(List.of("ps", "my web"), ShellConsole.words("ps my\\ web"));
    assertEquals(List.of(), ShellConsole.words("   "));
  }

  @Test
  void aLineEndingInsideAQuoteIsRefused() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> ShellConsole.words("attach 'web"));
    assertTrue(e.getMessage().contains("inside a quote"), e.getMessage());
  }

  @Test
  void pipedLinesReachTheShellAsTheirWordsAndABadOneIsSaidAndSkipped() {
    List<JsonObject> sent = new ArrayList<>();
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    ShellInterpreter shell = new ShellInterpreter(new AgentChannel() {
      @Override
      public List<HostReply> command(CommandRequest request) {
        sent.add(request.toJson());
        return List.of(HostReply.ok("host1", new JsonObject().put("removed", new JsonArray())));
      }

      @Override
      public JsonObject peers() {
        return new JsonObject().put("peers", new JsonArray());
      }
    }, new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8));
    ShellConsole.readPlainly(shell, new BufferedReader(new StringReader(
        "detach '10.32.0.5/12' web\nreset 'unclosed\nreset --host \"host1\"\nexit\nreset\n")),
        new PrintStream(err, true, StandardCharsets.UTF_8));
    assertEquals(2, sent.size(), err.toString(StandardCharsets.UTF_8));
    assertEquals(new JsonArray().add("10.32.0.5/12"), sent.get(0).getJsonObject("command").getJsonArray("cidrs"));
    assertEquals("host1", sent.get(1).getString("target"));
    assertTrue(err.toString(StandardCharsets.UTF_8).contains("inside a quote"), err.toString(StandardCharsets.UTF_8));
  }
}
