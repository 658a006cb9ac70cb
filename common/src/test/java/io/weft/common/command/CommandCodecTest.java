package io.weft.common.command;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.json.JsonObject;
import io.weft.common.ErrorCode;
import io.weft.common.WeftException;
import io.weft.common.net.Cidr;
import java.util.List;
import org.junit.jupiter.api.Test;

class CommandCodecTest {

  @Test
  void readsWeavesGrammar() {
    Command command = CommandCodec.fromArgs(List.of("attach", "10.32.1.5/12", "10.32.1.6/12", "web"));
    assertEquals(new AttachCommand(
        List.of(Cidr.parse("10.32.1.5/12"), Cidr.parse("10.32.1.6/12")), "web"), command);
    assertEquals(new DetachCommand(List.of(), "web"),
        CommandCodec.fromArgs(List.of("detach", "web")));
    assertEquals(new HideCommand(List.of()), CommandCodec.fromArgs(List.of("hide")));
  }

  @Test
  void argumentsAndJsonRoundTrip() {
    for (List<String> words : List.of(
        List.of("attach", "10.32.1.5/12", "web"), List.of("attach", "web"),
        List.of("detach", "10.32.1.5/12", "3f2a"), List.of("expose", "10.32.0.1/12"),
        List.of("hide"), List.of("ps"), List.of("status"), List.of("reset"))) {
      Command command = CommandCodec.fromArgs(words);
      assertEquals(words, CommandCodec.toArgs(command));
      JsonObject json = new JsonObject(CommandCodec.toJson(command).encode());
      assertEquals(command, CommandCodec.fromJson(json));
    }
  }

  @Test
  void badArgumentsAreNamed() {
    assertBad(List.of(), "no command given");
    assertBad(List.of("frob"), "unknown command 'frob'");
    assertBad(List.of("attach"), "attach needs a container");
    assertBad(List.of("attach", "10.32.1.5/12"), "needs a container after the addresses");
    assertBad(List.of("attach", "web", "db"), "'web' is not a CIDR");
    assertBad(List.of("ps", "extra"), "ps takes no arguments");
    WeftException e = assertThrows(WeftException.class,
        () -> CommandCodec.fromArgs(List.of("attach", "10.32.1.500/12", "web")));
    assertEquals(ErrorCode.BAD_CIDR, e.code());
  }

  @Test
  void malformedMessagesAreBadRequests() {
    assertBadJson(null, "no JSON object");
    assertBadJson(new JsonObject(), "no \"verb\"");
    assertBadJson(new JsonObject().put("verb", 3), "no \"verb\"");
    assertBadJson(new JsonObject().put("verb", "fly"), "unknown verb 'fly'");
    assertBadJson(new JsonObject().put("verb", "attach"), "no \"container\"");
    assertBadJson(new JsonObject().put("verb", "hide").put("cidrs", "10.32.0.1/12"), "wrong type");
    assertBadJson(new JsonObject().put("verb", "hide").put("cidrs", List.of(5)), "array of strings");
  }

  private static void assertBad(List<String> words, String text) {
    WeftException e = assertThrows(WeftException.class, () -> CommandCodec.fromArgs(words));
    assertEquals(ErrorCode.BAD_REQUEST, e.code());
    assertTrue(e.getMessage().contains(text), e.getMessage());
  }

  private static void assertBadJson(JsonObject json, String text) {
    WeftException e = assertThrows(WeftException.class, () -> CommandCodec.fromJson(json));
    assertEquals(ErrorCode.BAD_REQUEST, e.code());
    assertTrue(e.getMessage().contains(text), e.getMessage());
  }
}
