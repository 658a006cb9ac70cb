package io.weft.agent.wire;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.weft.agent.state.StateFiles;
import io.weft.common.agent.AgentState;
import io.weft.common.command.Status;
import java.nio.file.Path;
import java.util.Optional;
import java.util.Set;

/**
 * The data plane as the agent last found it, in the state volume ({@value
 * AgentState#WIRE_VIEW_FILE}), rewritten when it changes: which WireGuard and why, the MTUs, and
 * each other host the data plane carries traffic to, with its path, whether it is encrypted,
 * whether this host hears it, and whether its agent runs. {@code weft peers} reads it through
 * the Docker API, {@code weft status} through the agent.
 */
public final class WireView {

  private final Path file;
  private String written;

  WireView(Path stateDir) {
    this.file = stateDir.resolve(AgentState.WIRE_VIEW_FILE);
  }

  /** Writes the view, unless it is what was written last. */
  void write(String self, WireChoice choice, boolean encrypt, WireMtu mtu, WirePlan plan, Set<String> live) {
    JsonArray hosts = new JsonArray();
    for (WirePlan.Path p : plan.paths()) {
      WireRecord r = plan.hosts().get(p.host());
      WireRecord own = plan.hosts().get(self);
      Reach heard = own == null ? null : own.heard(p.host());
      hosts.add(new JsonObject().put("name", p.host()).put("address", r.address())
          .put("path", p.relayed() ? "relayed" : "direct").put("via", p.via())
          .put("encrypted", p.sealed()).put("heard", heard == null ? "not yet" : heard.text())
          .put("agent", live.contains(p.host())));
    }
    String text = new JsonObject().put("host", self).put("implementation", choice.device().implementation())
        .put("reason", choice.reason()).put("encrypt", encrypt).put("mtu", mtu.bridge())
        .put("underlayMtu", mtu.underlay()).put("wireguardMtu", mtu.wireguard()).put("hosts", hosts)
        .encodePrettily() + "\n";
    if (!text.equals(written)) {
      StateFiles.write(file, text);
      written = text;
    }
  }

  /** What {@code weft status} says of the data plane, as last written in {@code stateDir}. */
  public static Optional<Status.Wire> status(Path stateDir) {
    JsonObject view = StateFiles.readJson(stateDir.resolve(AgentState.WIRE_VIEW_FILE));
    if (!view.containsKey("implementation")) {
      return Optional.empty();
    }
    return Optional.of(new Status.Wire(view.getString("implementation"), view.getString("reason"),
        view.getBoolean("encrypt", true), view.getInteger("mtu", 0), view.getInteger("underlayMtu", 0)));
  }
}
