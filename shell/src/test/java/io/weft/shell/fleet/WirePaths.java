package io.weft.shell.fleet;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.vertx.core.json.JsonObject;
import io.weft.shell.cli.CapturedRun;
import io.weft.testkit.FleetHost;

/** How a host's wire reaches the others, as {@code weft peers --json} says: the wire ITs' reading. */
final class WirePaths {

  private WirePaths() {}

  static JsonObject wireView(FleetHost host) {
    CapturedRun run = host.weft("peers", "--json");
    assertEquals(0, run.exitCode(), run.err());
    return new JsonObject(run.out()).getJsonObject("wire");
  }

  static JsonObject pathTo(FleetHost host, FleetHost other) {
    JsonObject path = find(host, other);
    if (path == null) {
      throw new AssertionError(host + "'s wire lists no " + other);
    }
    return path;
  }

  /** {@code host}'s path to {@code other}; null while its data plane does not carry {@code other}. */
  private static JsonObject find(FleetHost host, FleetHost other) {
    for (Object o : wireView(host).getJsonArray("hosts")) {
      JsonObject h = (JsonObject) o;
      if (other.name().equals(h.getString("name"))) {
        return h;
      }
    }
    return null;
  }

  /** For a wait: false, not a failure, while {@code other} is (for a moment) not in the data plane. */
  static boolean relayedVia(FleetHost host, FleetHost other, FleetHost via) {
    JsonObject path = find(host, other);
    return path != null && "relayed".equals(path.getString("path")) && via.name().equals(path.getString("via"));
  }

  static boolean direct(FleetHost host, FleetHost other) {
    JsonObject path = find(host, other);
    return path != null && "direct".equals(path.getString("path"));
  }
}
