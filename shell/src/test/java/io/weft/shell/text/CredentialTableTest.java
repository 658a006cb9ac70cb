package io.weft.shell.text;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.weft.common.text.ListStyle;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class CredentialTableTest {

  private static final Instant NOW = Instant.parse("2026-12-08T00:00:00Z");
  private static final JsonObject LIST = new JsonObject().put("credentials", new JsonArray()
      .add(credential("deploy", "1d3c4f0a9b8e7d6c5b4a39281706f5e0", true, "2026-12-13T18:02:03Z", null))
      .add(credential("ops", "0a0b", false, "2026-12-07T18:02:03Z", null))
      .add(credential("old", "0c0d", true, "2026-12-13T18:02:03Z", "2026-12-07T00:00:00Z")));

  @Test
  void aHeaderRowThenOneAlignedRowACredentialWithWhetherItIsGood() {
    List<String> lines = CredentialTable.of(LIST, NOW).render().lines().toList();
    assertEquals(4, lines.size(), String.join("\n", lines));
    assertEquals("NAME", lines.get(0).substring(0, 4));
    int serial = lines.get(0).indexOf("SERIAL");
    int state = lines.get(0).indexOf("STATE");
    for (String line : lines.subList(1, 4)) {
      assertEquals(' ', line.charAt(serial - 1), line);
      assertEquals(' ', line.charAt(state - 1), line);
    }
    assertEquals(List.of("good", "expired", "revoked"),
        lines.subList(1, 4).stream().map(l -> l.substring(state).strip()).toList());
    assertEquals("full", lines.get(2).split("\\s+")[2]);
  }

  @Test
  void quietPrintsTheNamesAndAFormatTheFieldsAskedFor() {
    assertEquals("deploy\nops\nold", new ListStyle(false, true, null).render(CredentialTable.of(LIST, NOW)));
    ListStyle format = new ListStyle(false, false, "{{.Serial}} {{.State}}").checkedFor(CredentialTable.COLUMNS);
    assertEquals("1d3c4f0a9b8e7d6c5b4a39281706f5e0 good\n0a0b expired\n0c0d revoked",
        format.render(CredentialTable.of(LIST, NOW)));
    assertThrows(IllegalArgumentException.class,
        () -> new ListStyle(false, false, "{{.Owner}}").checkedFor(CredentialTable.COLUMNS));
  }

  private static JsonObject credential(String name, String serial, boolean readOnly, String notAfter, String revoked) {
    JsonObject c = new JsonObject().put("name", name).put("serial", serial).put("readOnly", readOnly)
        .put("issuedAt", "2026-12-06T18:02:03Z").put("notAfter", notAfter).put("issuedBy", "host1");
    return revoked == null ? c : c.put("revoked", revoked);
  }
}
