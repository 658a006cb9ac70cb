package io.weft.common.command;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.weft.common.ErrorCode;
import io.weft.common.WeftException;
import io.weft.common.bus.CommandRequest;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/**
 * Every verb's message carries its own fields and nothing else: a field it does not take is
 * refused, whatever verb, so no message is larger than its command (a {@code ps} padded to 64
 * KiB is refused, not read past).
 */
class MessageFieldsTest {

  /** One full command of every verb, each field it has set. A verb missing here fails the test. */
  private static final Map<String, List<String>> FULL = new TreeMap<>(Map.ofEntries(
      Map.entry("attach", List.of("attach", "--force", "10.32.1.5/12", "web")),
      Map.entry("detach", List.of("detach", "10.32.1.5/12", "web")),
      Map.entry("expose", List.of("expose", "--force", "10.32.0.1/12")),
      Map.entry("hide", List.of("hide", "10.32.0.1/12")),
      Map.entry("ps", List.of("ps")),
      Map.entry("status", List.of("status")),
      Map.entry("reset", List.of("reset")),
      Map.entry("rmpeer", List.of("rmpeer", "host3")),
      Map.entry("dns-add", List.of("dns-add", "10.32.5.5", "-h", "db")),
      Map.entry("dns-remove", List.of("dns-remove", "10.32.5.5", "-h", "db")),
      Map.entry("dns-lookup", List.of("dns-lookup", "db")),
      Map.entry("dns-args", List.of("dns-args"))));

  @Test
  void everyVerbHasAFullSampleHere() {
    assertEquals(new TreeMap<>(FULL).keySet(), new java.util.TreeSet<>(Verbs.names()));
  }

  @Test
  void aVerbsMessageHoldsExactlyTheFieldsItDeclares() {
    for (Verb<?> verb : Verbs.ALL) {
      JsonObject json = Verbs.toJson(Verbs.fromWords(FULL.get(verb.name())));
      Set<String> fields = new HashSet<>(json.fieldNames());
      fields.remove("verb");
      assertEquals(Set.copyOf(verb.fields()), fields, verb.name());
    }
  }

  @Test
  void everyVerbRefusesAFieldItDoesNotTake() {
    for (Verb<?> verb : Verbs.ALL) {
      JsonObject json = Verbs.toJson(Verbs.fromWords(FULL.get(verb.name())));
      Verbs.fromJson(json.copy()); // the sample itself reads
      for (String stranger : List.of("pad", "Verb", "cidr", "forced", "target")) {
        JsonObject padded = json.copy().put(stranger, "x");
        WeftException refused = assertThrows(WeftException.class, () -> Verbs.fromJson(padded),
            verb.name() + " took " + stranger);
        assertEquals(ErrorCode.BAD_REQUEST, refused.code());
        assertTrue(refused.getMessage().contains("no field \"" + stranger + "\""), refused.getMessage());
      }
    }
  }

  @Test
  void aPaddedPsIsRefusedAndTheErrorDoesNotEchoThePadding() {
    String padding = "x".repeat(64 * 1024);
    JsonObject padded = new JsonObject().put("verb", "ps").put("p" + padding, padding);
    WeftException refused = assertThrows(WeftException.class, () -> Verbs.fromJson(padded));
    assertEquals(ErrorCode.BAD_REQUEST, refused.code());
    assertTrue(refused.getMessage().length() < 200, refused.getMessage());
  }

  @Test
  void fieldsOfTheWrongKindOrSizeAreRefused() {
    assertBad(new JsonObject().put("verb", "attach").put("cidrs", "10.32.1.5/12").put("container", "web"));
    assertBad(new JsonObject().put("verb", "attach").put("container", 7));
    assertBad(new JsonObject().put("verb", "attach").put("container", "w".repeat(300)));
    JsonArray many = new JsonArray();
    for (int i = 1; i <= 33; i++) {
      many.add("10.32.5." + i);
    }
    assertBad(new JsonObject().put("verb", "dns-add").put("addresses", many).put("name", "db"));
    assertBad(new JsonObject().put("verb", "dns-add").put("addresses", "10.32.5.5").put("name", "db"));
  }

  @Test
  void aRequestHoldsATargetAndACommandAlone() {
    CommandRequest.parse("{\"target\":\"all\",\"command\":{\"verb\":\"ps\"}}");
    WeftException refused = assertThrows(WeftException.class,
        () -> CommandRequest.parse("{\"target\":\"all\",\"command\":{\"verb\":\"ps\"},\"pad\":1}"));
    assertEquals(ErrorCode.BAD_REQUEST, refused.code());
    JsonArray hosts = new JsonArray();
    for (int i = 0; i < 1025; i++) {
      hosts.add("host" + i);
    }
    assertThrows(WeftException.class, () -> CommandRequest.parse(new JsonObject().put("target", hosts)
        .put("command", new JsonObject().put("verb", "ps")).encode()));
    assertThrows(WeftException.class, () -> CommandRequest.parse(new JsonObject()
        .put("target", "h".repeat(254)).put("command", new JsonObject().put("verb", "ps")).encode()));
  }

  private static void assertBad(JsonObject json) {
    WeftException refused = assertThrows(WeftException.class, () -> Verbs.fromJson(json), json.encode());
    assertEquals(ErrorCode.BAD_REQUEST, refused.code(), refused.getMessage());
  }
}
