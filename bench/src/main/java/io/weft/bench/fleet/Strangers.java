package io.weft.bench.fleet;

import io.vertx.core.json.JsonObject;
import io.weft.bench.security.Outsider;
import io.weft.shell.sandbox.SandboxHost;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A stranger on the sandbox's underlay tries a host's ports the ways {@code Rogue} knows: how long
 * each attempt lasts until the host drops it (from the connect), and whether anything got in.
 */
final class Strangers {

  private static final List<String> MODES = List.of("gateway-plain", "gateway-tls-nocert",
      "gateway-tls-othercert", "bus-plain", "bus-tls-nocert", "bus-tls-othercert",
      "hazelcast-client", "hazelcast-member");

  private Strangers() {}

  static Map<String, JsonObject> tryOn(SandboxHost host) {
    Map<String, JsonObject> outcomes = new LinkedHashMap<>();
    try (Outsider outsider = Outsider.join()) {
      for (String mode : MODES) {
        outcomes.put(mode, outsider.rogue(mode, host.address(), host.name()));
      }
    }
    return outcomes;
  }
}
