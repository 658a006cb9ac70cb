package io.weft.common.text;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.weft.common.text.Table;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The Go-template subset of --format, as docker ps users write it. */
class TemplateTest {

  private static final List<Table.Column> COLUMNS = List.of(
      new Table.Column("ID", "CONTAINER ID"), new Table.Column("Name", "NAME"),
      new Table.Column("Addresses", "ADDRESSES"));
  private static final Table ROWS = new Table(COLUMNS)
      .row("3f2a9c0d1e2b", "web", "10.32.0.1/12 10.32.0.2/12")
      .row("5e6f7a8b9c0d", "a \"quoted\" name", "");

  @Test
  void fieldsAndLiteralTextOneLineARow() {
    assertEquals("web=10.32.0.1/12 10.32.0.2/12\na \"quoted\" name=",
        Template.parse("{{.Name}}={{ .Addresses }}", COLUMNS).render(ROWS));
  }

  @Test
  void rowsBesideTheItemsAreLeftOutAsQuietLeavesThemOut() {
    Table withBridge = new Table(COLUMNS).extraRow("weft:expose", "weft", "10.32.0.9/12")
        .row("3f2a9c0d1e2b", "web", "10.32.0.1/12");
    assertEquals("3f2a9c0d1e2b", Template.parse("{{.ID}}", COLUMNS).render(withBridge));
    assertEquals(withBridge.ids(), List.of("3f2a9c0d1e2b"));
  }

  @Test
  void tableAddsTheHeadersAndAlignsWhatTabsSeparate() {
    assertEquals("""
        NAME              CONTAINER ID
        web               3f2a9c0d1e2b
        a "quoted" name   5e6f7a8b9c0d""", Template.parse("table {{.Name}}\\t{{.ID}}", COLUMNS).render(ROWS));
  }

  @Test
  void jsonOfAFieldAndOfTheWholeRow() {
    assertEquals("\"a \\\"quoted\\\" name\"", Template.parse("{{json .Name}}", COLUMNS).render(ROWS).lines().toList().get(1));
    assertEquals("{\"ID\":\"3f2a9c0d1e2b\",\"Name\":\"web\",\"Addresses\":\"10.32.0.1/12 10.32.0.2/12\"}",
        Template.parse("{{json .}}", COLUMNS).render(ROWS).lines().findFirst().orElseThrow());
  }

  @Test
  void anUnknownFieldOrFunctionIsRefusedNamingTheFields() {
    IllegalArgumentException field = assertThrows(IllegalArgumentException.class,
        () -> Template.parse("{{.Nmae}}", COLUMNS));
    assertEquals("--format: no field .Nmae (fields: .ID .Name .Addresses)", field.getMessage());
    IllegalArgumentException function = assertThrows(IllegalArgumentException.class,
        () -> Template.parse("{{upper .Name}}", COLUMNS));
    assertTrue(function.getMessage().contains("not {{upper .Name}}"), function.getMessage());
    assertThrows(IllegalArgumentException.class, () -> Template.parse("{{.Name", COLUMNS));
  }
}
