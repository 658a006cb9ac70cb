package io.weft.common.text;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Tables print as the docker CLI's lists do, and no value breaks them. */
class TableTest {

  private static final Table.Column ID = new Table.Column("ID", "CONTAINER ID");
  private static final Table.Column NAME = new Table.Column("Name", "NAME");

  @Test
  void aHeaderRowThenCellsAlignedThreeSpacesApart() {
    Table table = Table.of(ID, NAME).row("3f2a9c0d1e2b", "web").row("pid:43", null);
    assertEquals("""
        CONTAINER ID   NAME
        3f2a9c0d1e2b   web
        pid:43""", table.render());
  }

  @Test
  void shortColumnsAreTenWideAsDockersAre() {
    Table table = Table.of(new Table.Column("A", "A"), new Table.Column("B", "B")).row("x", "y");
    assertEquals("A         B\nx         y", table.render());
  }

  @Test
  void longValuesWidenTheirColumnAndLineBreaksPrintAsSpaces() {
    String long1 = "a-container-name-much-longer-than-any-header";
    Table table = Table.of(NAME, ID).row(long1, "1").row("two\nlines\tand a tab", "2");
    List<String> lines = table.render().lines().toList();
    assertEquals(3, lines.size(), table.render());
    int column = long1.length() + 3;
    for (String line : lines) {
      assertEquals(' ', line.charAt(column - 1), line);
      assertEquals(lines.get(0).indexOf("CONTAINER ID"), column, line);
    }
    assertEquals("two lines and a tab", lines.get(2).substring(0, column).strip());
  }

  @Test
  void theFirstColumnOfEachItemIsWhatQuietPrints() {
    Table table = Table.of(ID, NAME).extraRow("weft:expose", "weft").row("3f2a9c0d1e2b", "web");
    assertEquals(List.of("3f2a9c0d1e2b"), table.ids());
  }

  @Test
  void tablesOfSeveralHostsMakeOneWithAHostColumn() {
    Table.Column host = new Table.Column("Host", "HOST");
    Map<String, Table> byHost = new LinkedHashMap<>();
    byHost.put("host1", Table.of(ID, NAME).row("aaaaaaaaaaaa", "a"));
    byHost.put("host2", Table.of(ID, NAME).row("bbbbbbbbbbbb", "b"));
    assertEquals("""
        HOST      CONTAINER ID   NAME
        host1     aaaaaaaaaaaa   a
        host2     bbbbbbbbbbbb   b""", Table.byHost(host, byHost, List.of(ID, NAME)).render());
    Table hosts = Table.byHost(host, Map.of("host1", Table.of(host, NAME).row("host1", "x")), List.of(host, NAME));
    assertEquals(List.of(host, NAME), hosts.columns(), "a table with a host column of its own keeps it");
  }

  @Test
  void aRowMustFillEveryColumn() {
    assertThrows(IllegalArgumentException.class, () -> Table.of(ID, NAME).row("only one"));
    assertThrows(IllegalArgumentException.class, () -> new Table.Column("lower", "LOWER"));
  }
}
