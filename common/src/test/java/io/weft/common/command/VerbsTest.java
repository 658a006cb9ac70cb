package io.weft.common.command;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.weft.common.ErrorCode;
import io.weft.common.WeftException;
import io.weft.common.net.Cidr;
import java.util.ArrayList;
import io.weft.common.net.Ipv4;
import java.util.List;
import org.junit.jupiter.api.Test;

class VerbsTest {

  @Test
  void readsWeavesGrammar() {
    Command<?> command = Verbs.fromWords(List.of("attach", "10.32.1.5/12", "10.32.1.6/12", "web"));
    assertEquals(new Attach(
        List.of(Cidr.parse("10.32.1.5/12"), Cidr.parse("10.32.1.6/12")), "web"), command);
    assertEquals(new Detach(List.of(), "web"),
        Verbs.fromWords(List.of("detach", "web")));
    assertEquals(new Hide(List.of()), Verbs.fromWords(List.of("hide")));
  }

  @Test
  void argumentsAndJsonRoundTrip() {
    for (List<String> words : List.of(
        List.of("attach", "10.32.1.5/12", "web"), List.of("attach", "web"),
        List.of("detach", "10.32.1.5/12", "3f2a"), List.of("expose", "10.32.0.1/12"),
        List.of("attach", "--force", "10.0.0.5/4", "web"), List.of("expose", "--force", "10.0.0.1/6"),
        List.of("hide"), List.of("ps"), List.of("status"), List.of("reset"), List.of("rmpeer", "host3"),
        List.of("dns-add", "10.32.5.5", "10.32.5.6", "-h", "db"), List.of("dns-remove", "-h", "db.weft.local"),
        List.of("dns-lookup", "db"), List.of("dns-lookup", "10.32.5.5"), List.of("dns-args"))) {
      Command<?> command = Verbs.fromWords(words);
      assertEquals(words, Verbs.toWords(command));
      JsonObject json = new JsonObject(Verbs.toJson(command).encode());
      assertEquals(command, Verbs.fromJson(json));
    }
  }

  @Test
  void everyVerbIsRegisteredOnceAndReadsItsOwnWords() {
    assertEquals(List.of("attach", "detach", "expose", "hide", "ps", "status", "reset", "rmpeer",
        "dns-add", "dns-remove", "dns-lookup", "dns-args"), Verbs.names());
    for (Verb<?> verb : Verbs.ALL) {
      assertEquals(verb, Verbs.named(verb.name()).orElseThrow());
      assertTrue(!verb.description().isBlank(), verb.name());
    }
  }

  @Test
  void aShortPrefixNeedsForceAndACommandNamesFewAddresses() {
    WeftException wide = assertThrows(WeftException.class,
        () -> Verbs.fromWords(List.of("attach", "10.0.0.5/4", "web")));
    assertEquals(ErrorCode.BAD_CIDR, wide.code());
    assertTrue(wide.getMessage().contains("give --force"), wide.getMessage());
    assertThrows(WeftException.class, () -> Verbs.fromJson(new JsonObject()
        .put("verb", "expose").put("cidrs", new JsonArray().add("10.0.0.1/7"))));
    assertEquals(new Attach(List.of(Cidr.parse("10.0.0.5/4")), "web", true),
        Verbs.fromWords(List.of("attach", "10.0.0.5/4", "--force", "web")));
    assertEquals(new Expose(List.of(Cidr.parse("10.0.0.1/7")), true), Verbs.fromJson(new JsonObject()
        .put("verb", "expose").put("force", true).put("cidrs", new JsonArray().add("10.0.0.1/7"))));
    assertBad(List.of("detach", "--force", "web"), "'--force' is not a CIDR");

    JsonArray many = new JsonArray();
    List<String> words = new ArrayList<>(List.of("hide"));
    for (int i = 1; i <= AddressLimits.MAX_CIDRS + 1; i++) {
      many.add("10.32.1." + i + "/12");
      words.add("10.32.1." + i + "/12");
    }
    WeftException json = assertThrows(WeftException.class, () -> Verbs.fromJson(new JsonObject()
        .put("verb", "attach").put("container", "web").put("cidrs", many)));
    assertEquals(ErrorCode.BAD_REQUEST, json.code());
    assertTrue(json.getMessage().contains("at most 32 addresses"), json.getMessage());
    assertBad(words, "at most 32 addresses");
    WeftException notBoolean = assertThrows(WeftException.class, () -> Verbs.fromJson(new JsonObject()
        .put("verb", "expose").put("force", "yes")));
    assertEquals(ErrorCode.BAD_REQUEST, notBoolean.code());
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
        () -> Verbs.fromWords(List.of("attach", "10.32.1.500/12", "web")));
    assertEquals(ErrorCode.BAD_CIDR, e.code());
  }

  @Test
  void dnsVerbsReadWeavesGrammarAndRefuseBadNames() {
    assertEquals(new DnsAdd(List.of(Ipv4.parse("10.32.5.5")), "db"),
        Verbs.fromWords(List.of("dns-add", "10.32.5.5", "-h", "DB.")));
    assertBad(List.of("dns-add", "-h", "db"), "at least one address");
    assertBad(List.of("dns-add", "10.32.5.5"), "dns-add needs a name");
    assertBad(List.of("dns-add", "10.32.5.5", "-h"), "one -h NAME");
    assertBad(List.of("dns-lookup"), "one name or address");
    assertBad(List.of("dns-args", "x"), "takes no arguments");
    assertEquals(ErrorCode.BAD_NAME, assertThrows(WeftException.class,
        () -> Verbs.fromWords(List.of("dns-add", "10.32.5.5", "-h", "bad name"))).code());
    assertEquals(ErrorCode.BAD_CIDR, assertThrows(WeftException.class,
        () -> Verbs.fromWords(List.of("dns-add", "10.32.5.500", "-h", "db"))).code());
    assertBadJson(new JsonObject().put("verb", "dns-add").put("name", "db")
        .put("addresses", List.of(5)), "array of strings");
    assertBadJson(new JsonObject().put("verb", "dns-lookup"), "no \"name\"");
  }

  @Test
  void malformedMessagesAreBadRequests() {
    assertBadJson(null, "no JSON object");
    assertBadJson(new JsonObject(), "no \"verb\"");
    assertBadJson(new JsonObject().put("verb", 3), "no \"verb\"");
    assertBadJson(new JsonObject().put("verb", "fly"), "unknown verb 'fly'");
    assertBadJson(new JsonObject().put("verb", "attach"), "no \"container\"");
    assertBadJson(new JsonObject().put("verb", "hide").put("cidrs", "10.32.0.1/12"), "must be an array of strings");
    assertBadJson(new JsonObject().put("verb", "hide").put("cidrs", List.of(5)), "array of strings");
  }

  private static void assertBad(List<String> words, String text) {
    WeftException e = assertThrows(WeftException.class, () -> Verbs.fromWords(words));
    assertEquals(ErrorCode.BAD_REQUEST, e.code());
    assertTrue(e.getMessage().contains(text), e.getMessage());
  }

  private static void assertBadJson(JsonObject json, String text) {
    WeftException e = assertThrows(WeftException.class, () -> Verbs.fromJson(json));
    assertEquals(ErrorCode.BAD_REQUEST, e.code());
    assertTrue(e.getMessage().contains(text), e.getMessage());
  }
}
