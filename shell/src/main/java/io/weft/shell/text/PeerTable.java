package io.weft.shell.text;

import io.vertx.core.json.JsonObject;
import java.util.Locale;

/** One row of the peer table, as `weft peers` and the shell print it. */
public final class PeerTable {

  private PeerTable() {}

  public static String row(JsonObject peer, boolean thisHost) {
    return String.format(Locale.ROOT, "%-16s %-15s since %s  %s  %s%s", peer.getString("name"),
        peer.getString("address"), peer.getString("since"), peer.getString("version"),
        peer.getString("health", "ok"), thisHost ? "  (this host)" : "");
  }
}
