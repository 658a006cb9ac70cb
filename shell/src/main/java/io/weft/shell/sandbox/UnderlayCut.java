package io.weft.shell.sandbox;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.weft.common.process.HostProcess;
import io.weft.common.process.ProcessResult;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Puts a {@link SandboxCut} into effect where a real partition happens: in the switch. An
 * nftables table of the bridge family, in the machine's root namespace, drops every frame the
 * underlay bridge would forward between a port of one side and a port of the other (or between
 * the two ports of a pair cut): IPv4 and IPv6, TCP and UDP (VXLAN included), ARP, and the packets
 * of connections already open.
 *
 * <p>Why the bridge and not each host's firewall: frames between a host and the machine's
 * {@code 172.29.0.1} go through the bridge's own input and output paths, never its forward path,
 * so the machine keeps reaching every engine with no exception to write; one nftables
 * transaction cuts (or heals) every host at the same instant; and nothing of the cut is inside a
 * host, so a host's restart leaves it on its side, as rebooting a machine does not mend a
 * network, and nothing weft or a test does to a host's firewall can lift it by mistake.
 *
 * <p>{@code weft sandbox cut} makes one cut for the whole sandbox, replacing every other. A cut
 * made within some hosts only (the hosts of one test class's fleet, while other classes work on
 * other hosts) lives in a table of its own, named by its first host: it replaces only the cut
 * made earlier within the same hosts, and its heal removes only it, so classes that cut at the
 * same time leave each other's cuts alone.
 */
final class UnderlayCut {

  /** The table of the cut made for the whole sandbox ({@code weft sandbox cut}). */
  static final String TABLE = "weft_sandbox";
  /** The tables of cuts made within some hosts only: this prefix and the first of them. */
  private static final String SCOPED_PREFIX = TABLE + "_";

  private UnderlayCut() {}

  /** The table that holds the cut made within {@code scope}, named by its first host. */
  static String tableFor(List<SandboxHost> scope) {
    return SCOPED_PREFIX + scope.stream().min(java.util.Comparator.comparingInt(SandboxHost::index))
        .orElseThrow(() -> new IllegalArgumentException("a cut's hosts are named")).name();
  }

  /** Replaces every cut in effect, scoped or not, by {@code cut}, in one transaction. */
  static void replaceAll(SandboxCut cut) {
    StringBuilder script = new StringBuilder();
    for (String table : tables()) {
      if (!table.equals(TABLE)) {
        script.append(dropTable(table));
      }
    }
    nft(script + ruleset(TABLE, cut));
  }

  /** Replaces the cut in {@code table}, if any, by {@code cut}; other tables' cuts stay. */
  static void apply(String table, SandboxCut cut) {
    nft(ruleset(table, cut));
  }

  /**
   * Removes every cut: the bridge forwards everything again. Touches nothing when there is no
   * cut, so a machine without nft (or without bridge filtering) still makes sandboxes.
   */
  static void clearAll() {
    List<String> tables = tables();
    if (!tables.isEmpty()) {
      nft(String.join("", tables.stream().map(UnderlayCut::dropTable).toList()));
    }
  }

  /** Removes the cut in {@code table}, if there is one. */
  static void clear(String table) {
    if (tables().contains(table)) {
      nft(dropTable(table));
    }
  }

  /** The names of the bridge tables that hold cuts now; empty without nft. */
  static List<String> tables() {
    if (!HostProcess.onPath("nft")) {
      return List.of();
    }
    ProcessResult listed = HostProcess.of("nft", "-j", "list", "tables", "bridge").runAllowingFailure();
    return listed.exitCode() == 0 ? cutTables(listed.stdout()) : List.of();
  }

  /** The cut tables in {@code nft -j list tables}' output, in its order. */
  static List<String> cutTables(String json) {
    List<String> names = new ArrayList<>();
    for (Object item : new JsonObject(json).getJsonArray("nftables", new JsonArray())) {
      JsonObject table = item instanceof JsonObject o ? o.getJsonObject("table") : null;
      String name = table == null ? null : table.getString("name");
      if (name != null && (name.equals(TABLE) || name.startsWith(SCOPED_PREFIX))) {
        names.add(name);
      }
    }
    return names;
  }

  /** {@code table} as {@code nft -j} lists it; null when there is none. */
  static String listed(String table) {
    ProcessResult listed =
        HostProcess.of("nft", "-j", "list", "table", "bridge", table).runAllowingFailure();
    return listed.exitCode() == 0 ? listed.stdout() : null;
  }

  /** The pairs in the {@code pairs} set of {@code nft -j list table}'s output, each once. */
  static List<List<String>> cutPairs(String json) {
    List<List<String>> pairs = new ArrayList<>();
    for (Object item : new JsonObject(json).getJsonArray("nftables", new JsonArray())) {
      JsonObject set = item instanceof JsonObject o ? o.getJsonObject("set") : null;
      if (set == null || !"pairs".equals(set.getString("name"))) {
        continue;
      }
      Object elements = set.getValue("elem");
      List<?> list = elements instanceof JsonArray a ? a.getList() : List.of(elements);
      for (Object element : list) {
        JsonObject e = element instanceof java.util.Map<?, ?> m ? new JsonObject(castMap(m))
            : (JsonObject) element;
        JsonArray ends = e.getJsonArray("concat");
        List<String> pair = ends.stream().map(String::valueOf)
            .filter(n -> n.startsWith(SandboxHost.UNDERLAY_LINK_PREFIX))
            .map(n -> n.substring(SandboxHost.UNDERLAY_LINK_PREFIX.length())).sorted().toList();
        if (pair.size() == 2 && !pairs.contains(pair)) {
          pairs.add(pair);
        }
      }
    }
    return pairs;
  }

  @SuppressWarnings("unchecked")
  private static java.util.Map<String, Object> castMap(java.util.Map<?, ?> m) {
    return (java.util.Map<String, Object>) m;
  }

  /** The host names in the {@code cut} set of {@code nft -j list table}'s output. */
  static List<String> namedHosts(String json) {
    return setHosts(json, "cut");
  }

  /** The host names in the {@code rest} set of {@code nft -j list table}'s output. */
  static List<String> restHosts(String json) {
    return setHosts(json, "rest");
  }

  private static List<String> setHosts(String json, String setName) {
    List<String> names = new ArrayList<>();
    for (Object item : new JsonObject(json).getJsonArray("nftables", new JsonArray())) {
      JsonObject set = item instanceof JsonObject o ? o.getJsonObject("set") : null;
      if (set == null || !setName.equals(set.getString("name"))) {
        continue;
      }
      Object elements = set.getValue("elem");
      List<?> links = elements instanceof JsonArray a ? a.getList() : List.of(elements);
      for (Object link : links) {
        String name = String.valueOf(link);
        if (name.startsWith(SandboxHost.UNDERLAY_LINK_PREFIX)) {
          names.add(name.substring(SandboxHost.UNDERLAY_LINK_PREFIX.length()));
        }
      }
    }
    return names;
  }

  /**
   * The nft script for {@code cut} in {@code table}: it makes the table when missing so that
   * deleting it cannot fail, deletes it, and makes it anew, all in one transaction, so cutting
   * again replaces the table's cut at once and never leaves two cuts or none in between. Every
   * table hooks the bridge's forward path on its own; a frame any of them drops is dropped, so
   * cuts in several tables add up.
   */
  static String ruleset(String table, SandboxCut cut) {
    if (!cut.pairs().isEmpty()) {
      List<String> elements = new ArrayList<>();
      for (SandboxCut.Pair p : cut.pairs()) {
        elements.add("\"" + p.a().underlayLink() + "\" . \"" + p.b().underlayLink() + "\"");
        elements.add("\"" + p.b().underlayLink() + "\" . \"" + p.a().underlayLink() + "\"");
      }
      return dropTable(table)
          + "table bridge " + table + " {\n"
          + "  set pairs { type ifname . ifname; elements = { " + String.join(", ", elements) + " }; }\n"
          + "  chain forward {\n"
          + "    type filter hook forward priority filter; policy accept;\n"
          + "    iifname . oifname @pairs drop\n"
          + "  }\n"
          + "}\n";
    }
    return dropTable(table)
        + "table bridge " + table + " {\n"
        + "  set cut { type ifname; elements = { " + links(cut.named()) + " }; }\n"
        + "  set rest { type ifname; elements = { " + links(cut.rest()) + " }; }\n"
        + "  chain forward {\n"
        + "    type filter hook forward priority filter; policy accept;\n"
        + "    iifname @cut oifname @rest drop\n"
        + "    iifname @rest oifname @cut drop\n"
        + "  }\n"
        + "}\n";
  }

  private static String dropTable(String table) {
    return "table bridge " + table + " {}\n" + "delete table bridge " + table + "\n";
  }

  private static String links(List<SandboxHost> hosts) {
    return String.join(", ", hosts.stream().map(h -> "\"" + h.underlayLink() + "\"").toList());
  }

  /** Runs {@code script} as one nft transaction: all of it takes effect, or none. */
  private static void nft(String script) {
    try {
      Path file = Files.createTempFile("weft-cut", ".nft");
      try {
        Files.writeString(file, script);
        ProcessResult result = HostProcess.of("nft", "-f", file.toString())
            .timeoutSeconds(30).runAllowingFailure();
        if (result.exitCode() != 0) {
          // nft ends its complaint with the script's line and a row of carets: keep the error
          String why = result.stderr().lines().filter(l -> l.contains("Error:")).findFirst()
              .map(l -> l.substring(l.indexOf("Error:")))
              .orElse(result.lastErrorLine());
          throw new IllegalStateException("nft could not change the underlay's cut: " + why);
        }
      } finally {
        Files.deleteIfExists(file);
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write the cut's nft script", e);
    }
  }
}
