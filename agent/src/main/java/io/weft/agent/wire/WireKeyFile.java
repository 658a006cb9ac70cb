package io.weft.agent.wire;

import io.weft.agent.state.StateFiles;
import io.weft.agent.wireguard.PrivateWireKey;
import io.weft.common.agent.AgentState;
import java.nio.file.Path;

/**
 * The host's WireGuard private key in the state volume ({@value AgentState#WIREGUARD_KEY_FILE},
 * mode 0600 from its first byte): made by the agent at its first start, the same for the host's
 * whole life in the fleet, so a restarted agent is the same peer to the others.
 */
final class WireKeyFile {

  private WireKeyFile() {}

  static PrivateWireKey loadOrCreate(Path stateDir) {
    Path file = stateDir.resolve(AgentState.WIREGUARD_KEY_FILE);
    String kept = StateFiles.read(file).strip();
    if (!kept.isEmpty()) {
      return PrivateWireKey.fromBase64(kept);
    }
    PrivateWireKey key = PrivateWireKey.generate();
    StateFiles.writePrivate(file, key.base64() + "\n");
    return key;
  }
}
