package io.weft.shell.fleet;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.weft.docker.HostProcess;
import java.util.Set;
import java.util.TreeSet;

/** A sandbox host's VXLAN forwarding entries as iproute2's bridge tool sees them. */
final class Fdb {

  private Fdb() {}

  /** The remote VTEPs of the all-zero-MAC (flood) entries on vxlan-weft. */
  static Set<String> floodTargets(String netns) {
    HostProcess.Result r = HostProcess.of("ip", "netns", "exec", netns, "bridge", "-j", "fdb",
        "show", "dev", "vxlan-weft").runAllowingFailure();
    Set<String> targets = new TreeSet<>();
    if (r.exitCode() != 0 || r.stdout().isBlank()) {
      return targets;
    }
    for (Object o : new JsonArray(r.stdout())) {
      JsonObject entry = (JsonObject) o;
      if ("00:00:00:00:00:00".equals(entry.getString("mac")) && entry.getString("dst") != null) {
        targets.add(entry.getString("dst"));
      }
    }
    return targets;
  }
}
