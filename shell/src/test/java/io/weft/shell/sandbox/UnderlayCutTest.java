package io.weft.shell.sandbox;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class UnderlayCutTest {

  private final List<SandboxHost> three = IntStream.rangeClosed(1, 3)
      .mapToObj(i -> new SandboxHost(i, Path.of("/state"))).toList();

  @Test
  void theRulesetReplacesAnyEarlierCutAndDropsForwardedFramesBothWays() {
    String script = UnderlayCut.ruleset(UnderlayCut.TABLE, SandboxCut.parse("host2,host3", three));
    // made then deleted first, so the new table replaces an old one in the same transaction
    assertTrue(script.startsWith("table bridge weft_sandbox {}\n"
        + "delete table bridge weft_sandbox\n"
        + "table bridge weft_sandbox {\n"), script);
    assertTrue(script.contains("set cut { type ifname; elements = { \"wul-host2\", \"wul-host3\" }; }"),
        script);
    assertTrue(script.contains("set rest { type ifname; elements = { \"wul-host1\" }; }"), script);
    assertTrue(script.contains("type filter hook forward priority filter; policy accept;"), script);
    assertTrue(script.contains("iifname @cut oifname @rest drop\n"), script);
    assertTrue(script.contains("iifname @rest oifname @cut drop\n"), script);
  }

  @Test
  void theNamedSideIsReadBackFromTheKernelsListing() {
    // `nft -j list table bridge weft_sandbox`, as nft 1.0.6 prints it (rules shortened)
    String listed = """
        {"nftables": [{"metainfo": {"version": "1.0.6", "json_schema_version": 1}},
         {"table": {"family": "bridge", "name": "weft_sandbox", "handle": 6}},
         {"set": {"family": "bridge", "name": "cut", "table": "weft_sandbox", "type": "ifname",
                  "handle": 2, "elem": ["wul-host2", "wul-host3"]}},
         {"set": {"family": "bridge", "name": "rest", "table": "weft_sandbox", "type": "ifname",
                  "handle": 3, "elem": ["wul-host1"]}},
         {"chain": {"family": "bridge", "table": "weft_sandbox", "name": "forward", "handle": 1,
                    "type": "filter", "hook": "forward", "prio": -200, "policy": "accept"}}]}
        """;
    assertEquals(List.of("host2", "host3"), UnderlayCut.namedHosts(listed));
  }

  @Test
  void aSetWithOneElementMayComeAsAString() {
    String listed = """
        {"nftables": [{"set": {"name": "cut", "elem": "wul-host1"}}]}
        """;
    assertEquals(List.of("host1"), UnderlayCut.namedHosts(listed));
  }

  @Test
  void aPairCutDropsFramesBetweenItsTwoPortsAloneBothWays() {
    String script = UnderlayCut.ruleset(UnderlayCut.TABLE, SandboxCut.parse("host3/host1", three));
    assertTrue(script.contains("set pairs { type ifname . ifname; elements = { "
        + "\"wul-host1\" . \"wul-host3\", \"wul-host3\" . \"wul-host1\" }; }"), script);
    assertTrue(script.contains("iifname . oifname @pairs drop\n"), script);
  }

  @Test
  void thePairsAreReadBackFromTheKernelsListingEachOnce() {
    // `nft -j list table bridge ...` of a pair cut, as nft 1.0.6 prints it
    String listed = """
        {"nftables": [{"metainfo": {"version": "1.0.6", "json_schema_version": 1}},
         {"table": {"family": "bridge", "name": "weft_sandbox", "handle": 25}},
         {"set": {"family": "bridge", "name": "pairs", "table": "weft_sandbox", "type": ["ifname", "ifname"],
                  "handle": 2, "elem": [{"concat": ["wul-host3", "wul-host1"]}, {"concat": ["wul-host1", "wul-host3"]}]}}]}
        """;
    assertEquals(List.of(List.of("host1", "host3")), UnderlayCut.cutPairs(listed));
    assertEquals(List.of(), UnderlayCut.namedHosts(listed));
  }

  @Test
  void aCutWithinSomeHostsHasATableOfItsOwnNamedByItsFirstHost() {
    assertEquals("weft_sandbox_host2", UnderlayCut.tableFor(List.of(three.get(2), three.get(1))));
    String script = UnderlayCut.ruleset("weft_sandbox_host2", SandboxCut.parse("host3", three.subList(1, 3)));
    assertTrue(script.startsWith("table bridge weft_sandbox_host2 {}\n"
        + "delete table bridge weft_sandbox_host2\n"), script);
    assertTrue(script.contains("set rest { type ifname; elements = { \"wul-host2\" }; }"), script);
  }

  @Test
  void theCutTablesAreFoundAmongTheBridgesTables() {
    // `nft -j list tables bridge`: another program's table is not a cut
    String listed = """
        {"nftables": [{"metainfo": {"version": "1.0.6", "json_schema_version": 1}},
         {"table": {"family": "bridge", "name": "filter", "handle": 1}},
         {"table": {"family": "bridge", "name": "weft_sandbox", "handle": 6}},
         {"table": {"family": "bridge", "name": "weft_sandbox_host15", "handle": 7}}]}
        """;
    assertEquals(List.of("weft_sandbox", "weft_sandbox_host15"), UnderlayCut.cutTables(listed));
  }
}
