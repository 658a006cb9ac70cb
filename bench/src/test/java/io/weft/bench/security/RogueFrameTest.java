package io.weft.bench.security;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.hazelcast.config.Config;
import com.hazelcast.config.JoinConfig;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.core.eventbus.EventBusOptions;
import io.vertx.core.json.JsonObject;
import io.vertx.spi.cluster.hazelcast.HazelcastClusterManager;
import java.io.OutputStream;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * The rogue's frame is the real thing: a clustered event bus without TLS (weft's until issue 14)
 * delivers it to the host's address as a command. So an agent refusing it refuses a command.
 */
class RogueFrameTest {

  @Test
  void anEventBusWithoutTlsDeliversTheRoguesCommand() throws Exception {
    Config config = new Config().setClusterName("rogue-frame-test-" + System.nanoTime());
    config.setProperty("hazelcast.logging.type", "none");
    config.setProperty("hazelcast.phone.home.enabled", "false");
    config.getNetworkConfig().getInterfaces().setEnabled(true).setInterfaces(List.of("127.0.0.1"));
    JoinConfig join = config.getNetworkConfig().getJoin();
    join.getMulticastConfig().setEnabled(false);
    join.getAutoDetectionConfig().setEnabled(false);
    int port;
    try (ServerSocket free = new ServerSocket(0)) {
      port = free.getLocalPort();
    }
    Vertx vertx = Vertx.builder()
        .with(new VertxOptions().setEventBusOptions(new EventBusOptions().setHost("127.0.0.1").setPort(port)))
        .withClusterManager(new HazelcastClusterManager(config)).buildClustered().await(60, TimeUnit.SECONDS);
    try {
      Promise<JsonObject> got = Promise.promise();
      vertx.eventBus().<JsonObject>consumer("weft.host.victim", m -> got.tryComplete(m.body()))
          .completion().await(10, TimeUnit.SECONDS);
      try (Socket s = new Socket("127.0.0.1", port)) {
        OutputStream out = s.getOutputStream();
        out.write(RogueFrame.expose("victim", Rogue.EXPOSED));
        out.flush();
        assertEquals("{\"verb\":\"expose\",\"cidrs\":[\"10.201.0.1/24\"]}",
            got.future().await(10, TimeUnit.SECONDS).encode());
      }
    } finally {
      vertx.close().await(20, TimeUnit.SECONDS);
    }
  }
}
