package io.weft.shell.fleet;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.weft.common.process.HostProcess;
import io.weft.common.process.ProcessResult;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/** A sandbox host's VXLAN device, vxlan-weft, as iproute2 sees it: entries and counters. */
final class Fdb {

  private Fdb() {}

  /** The remote VTEPs of the all-zero-MAC (flood) entries on vxlan-weft. */
  static Set<String> floodTargets(String netns) {
    Set<String> targets = new TreeSet<>();
    for (JsonObject entry : entries(netns, "bridge", "-j", "fdb", "show", "dev", "vxlan-weft")) {
      if ("00:00:00:00:00:00".equals(entry.getString("mac")) && entry.getString("dst") != null) {
        targets.add(entry.getString("dst"));
      }
    }
    return targets;
  }

  /** The VTEP a container's MAC is sent to, by MAC: vxlan-weft's entries of one MAC each. */
  static Map<String, String> macTargets(String netns) {
    Map<String, String> targets = new TreeMap<>();
    for (JsonObject entry : entries(netns, "bridge", "-j", "fdb", "show", "dev", "vxlan-weft")) {
      String mac = entry.getString("mac");
      if (!"00:00:00:00:00:00".equals(mac) && entry.getString("dst") != null) {
        targets.put(mac, entry.getString("dst"));
      }
    }
    return targets;
  }

  /** vxlan-weft's permanent neighbours, IP to MAC: the ARP answers the device gives itself. */
  static Map<String, String> neighbours(String netns) {
    Map<String, String> neighbours = new TreeMap<>();
    for (JsonObject entry : entries(netns, "ip", "-j", "neigh", "show", "dev", "vxlan-weft")) {
      neighbours.put(entry.getString("dst"), entry.getString("lladdr"));
    }
    return neighbours;
  }

  /** Packets vxlan-weft has received since it was made. */
  static long receivedPackets(String netns) {
    JsonObject link = entries(netns, "ip", "-j", "-s", "link", "show", "dev", "vxlan-weft").get(0);
    return link.getJsonObject("stats64").getJsonObject("rx").getLong("packets");
  }

  private static List<JsonObject> entries(String netns, String... command) {
    List<String> inHost = new ArrayList<>(List.of("ip", "netns", "exec", netns));
    inHost.addAll(List.of(command));
    ProcessResult r = HostProcess.of(inHost).runAllowingFailure();
    if (r.exitCode() != 0 || r.stdout().isBlank()) {
      return List.of();
    }
    return new JsonArray(r.stdout()).stream().map(o -> (JsonObject) o).toList();
  }
}
