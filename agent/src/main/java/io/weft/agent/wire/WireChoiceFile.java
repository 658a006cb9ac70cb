package io.weft.agent.wire;

import io.vertx.core.json.JsonObject;
import io.weft.agent.state.StateFiles;
import io.weft.common.agent.AgentState;
import java.nio.file.Path;
import java.util.Map;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;

/**
 * The host's data-plane state in its state volume: its WireGuard key (see {@link #key}), and
 * whether the fleet encrypts: its founder's choice, which every host keeps once it knows it
 * ({@value AgentState#WIRE_FILE}). A founder chooses at its first start ({@code weft launch
 * --no-encrypt}, or encrypted by default); a joining host takes its fleet's choice from the
 * others' wire entries, and cannot weaken it: a pair is encrypted when either host says so. A
 * joining host alone in its cluster (its peers unreachable) has nobody to learn from, and takes
 * encryption at once rather than after the wait for entries that cannot come.
 */
public final class WireChoiceFile {

  private static final long LEARN_BOUND_MILLIS = 10_000;

  private WireChoiceFile() {}

  /**
   * @param founder whether this host founds its fleet (launched without peers, no fleet yet)
   * @param plainAsked whether launch asked for no encryption
   * @param others the other hosts' wire entries as they are now
   * @param alone whether this host's cluster has no other member now
   */
  public static boolean encrypt(Path stateDir, boolean founder, boolean plainAsked,
      Supplier<Map<String, WireRecord>> others, BooleanSupplier alone, String self) {
    Path file = stateDir.resolve(AgentState.WIRE_FILE);
    JsonObject kept = StateFiles.readJson(file);
    if (kept.containsKey("encrypt")) {
      return kept.getBoolean("encrypt");
    }
    boolean encrypt = founder ? !plainAsked : learn(others, alone, self);
    StateFiles.write(file, new JsonObject().put("encrypt", encrypt).encode() + "\n");
    return encrypt;
  }

  /** The host's WireGuard private key, made at its first start. */
  public static io.weft.agent.wireguard.PrivateWireKey key(Path stateDir) {
    return WireKeyFile.loadOrCreate(stateDir);
  }

  /**
   * The fleet's choice from the first entries of other hosts; encrypted when none come in time,
   * or when no other member is there to enter one.
   */
  private static boolean learn(Supplier<Map<String, WireRecord>> others, BooleanSupplier alone, String self) {
    long deadline = System.currentTimeMillis() + LEARN_BOUND_MILLIS;
    while (System.currentTimeMillis() < deadline) {
      Map<String, WireRecord> seen = others.get();
      seen.remove(self);
      if (!seen.isEmpty()) {
        return seen.values().stream().anyMatch(WireRecord::encrypt);
      }
      if (alone.getAsBoolean()) {
        break;
      }
      try {
        Thread.sleep(100); // the replicated map fills a newcomer's copy in its own time
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        break;
      }
    }
    return true;
  }
}
