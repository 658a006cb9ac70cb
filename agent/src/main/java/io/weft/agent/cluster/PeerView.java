package io.weft.agent.cluster;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.weft.agent.state.StateFiles;
import io.weft.common.agent.AgentState;
import java.nio.file.Path;
import java.util.List;

/**
 * The peer table as a file in the state volume, {@link AgentState#VIEW_FILE}, rewritten on every
 * change: {@code weft peers} reads it through the Docker API, with no cluster client of its own.
 */
public final class PeerView {

  private final Path file;
  private final String self;
  private String written;

  public PeerView(Path stateDir, String self) {
    this.file = stateDir.resolve(AgentState.VIEW_FILE);
    this.self = self;
  }

  /** Writes the table, unless it is what was written last. */
  public synchronized void write(List<PeerRecord> peers) {
    JsonArray rows = new JsonArray();
    peers.forEach(p -> rows.add(p.toJson()));
    String text = new JsonObject().put("host", self).put("peers", rows).encodePrettily() + "\n";
    if (!text.equals(written)) {
      StateFiles.write(file, text);
      written = text;
    }
  }
}
