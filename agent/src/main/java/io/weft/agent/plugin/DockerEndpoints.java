package io.weft.agent.plugin;

import io.vertx.core.json.JsonObject;
import io.weft.agent.state.StateFiles;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.function.Predicate;

/**
 * Which Docker endpoint has each address weft's IPAM gave Docker on this host, kept in the state
 * volume, so that an address Docker never gave back (it could not: the host crashed, or no agent
 * served) is known for what it is without asking Docker, which at boot answers only once its
 * containers have their networks. An endpoint lives exactly as long as its veth: an address
 * whose endpoint's veth is gone is given back, and so is one Docker asked for and never made an
 * endpoint for.
 */
final class DockerEndpoints {

  static final String FILE = "docker-endpoints.json";
  /** Longer than Docker takes from asking for an address to making the endpoint that has it. */
  static final Duration UNCLAIMED = Duration.ofSeconds(60);

  private record Entry(String endpoint, Instant since) {}

  private final Path file;
  private final Map<String, Entry> byAddress = new HashMap<>();

  DockerEndpoints(Path stateDir) {
    this.file = stateDir.resolve(FILE);
    StateFiles.readJson(file).forEach(e -> {
      if (e.getValue() instanceof JsonObject entry) {
        byAddress.put(e.getKey(), new Entry(entry.getString("endpoint"),
            Instant.parse(entry.getString("since", Instant.EPOCH.toString()))));
      }
    });
  }

  /** Docker was given {@code address}; no endpoint has it yet. */
  synchronized void given(String address) {
    byAddress.put(address, new Entry(null, Instant.now()));
    save();
  }

  /** Docker made {@code endpoint} with {@code address}. */
  synchronized void madeWith(String address, String endpoint) {
    byAddress.put(address, new Entry(endpoint, Instant.now()));
    save();
  }

  /** Docker gave {@code address} back. */
  synchronized void gaveBack(String address) {
    if (byAddress.remove(address) != null) {
      save();
    }
  }

  /**
   * Whether Docker still uses {@code address}: its endpoint's veth is there, or Docker asked for
   * it lately and has not made the endpoint yet. An address this record does not know was given
   * before it was kept, and is not in use.
   */
  synchronized boolean inUse(String address, Predicate<String> endpointExists) {
    Entry entry = byAddress.get(address);
    if (entry == null) {
      return false;
    }
    if (entry.endpoint() != null) {
      return endpointExists.test(entry.endpoint());
    }
    return entry.since().isAfter(Instant.now().minus(UNCLAIMED));
  }

  private void save() {
    JsonObject json = new JsonObject();
    byAddress.forEach((address, entry) -> json.put(address,
        new JsonObject().put("endpoint", entry.endpoint()).put("since", entry.since().toString())));
    StateFiles.write(file, json.encodePrettily());
  }
}
