package io.weft.agent.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.net.NetClient;
import io.vertx.core.net.NetSocket;
import io.weft.agent.tls.FleetKeys;
import io.weft.common.agent.AgentArguments;
import io.weft.common.agent.FleetPassword;
import io.weft.common.net.Ipv4;
import java.net.ConnectException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * One whole cluster node, its "host" a loopback address of its own (all of 127/8 is local):
 * Hazelcast on the loopback alias alone, every port it opens asking for the fleet's certificate,
 * and an event-bus frame announcing too much cut off. (Several nodes need a network namespace
 * each, since a peer's alias is this host's own address: the sandbox's tests do that.)
 */
class ClusterNodeTest {

  private static final String HOST = "127.88.0.11";
  private static final FleetPassword PASSWORD = FleetPassword.generate();
  private static ClusterNode node;
  private static Vertx outsider;

  @BeforeAll
  static void start() throws Exception {
    AgentArguments options = new AgentArguments("a", Ipv4.parse(HOST), List.of(), null, Path.of("/nonexistent"));
    node = ClusterNode.join(options, List.of(), FleetKeys.derive(PASSWORD, "a", Ipv4.parse(HOST)), true);
    outsider = Vertx.vertx();
  }

  @AfterAll
  static void stop() throws Exception {
    outsider.close().await(5, TimeUnit.SECONDS);
    node.close();
  }

  @Test
  void hazelcastListensOnTheLoopbackAliasAndTheUnderlayOnlyOnTlsPorts() throws Exception {
    assertEquals("127.88.0.11:16127", node.hazelcast().getCluster().getLocalMember().getAddress().toString()
        .replace("[", "").replace("]", ""));
    try (Socket hazelcastsOldPort = new Socket()) {
      assertThrows(ConnectException.class, () -> hazelcastsOldPort.connect(new InetSocketAddress(HOST, 5701), 2000));
    }
    for (int port : new int[] {ClusterPorts.GATEWAY, ClusterPorts.EVENT_BUS}) {
      FleetKeys stranger = FleetKeys.derive(FleetPassword.generate(), "m", Ipv4.parse("127.88.0.13"));
      NetClient client = outsider.createNetClient(stranger.tls().client(2000));
      assertThrows(ExecutionException.class, () -> client.connect(port, HOST)
          .toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS), "port " + port);
      client.close().await(5, TimeUnit.SECONDS);
    }
    assertTrue(node.refusedConnections() >= 1);
  }

  @Test
  void anEventBusFrameAnnouncingTooMuchIsCutOff() throws Exception {
    // a host of the fleet itself: past the TLS, only the frame limit stands
    FleetKeys insider = FleetKeys.derive(PASSWORD, "c", Ipv4.parse("127.88.0.14"));
    NetClient client = outsider.createNetClient(insider.tls().client(2000));
    NetSocket socket = client.connect(ClusterPorts.EVENT_BUS, HOST).await(10, TimeUnit.SECONDS);
    Promise<Void> closed = Promise.promise();
    socket.closeHandler(v -> closed.tryComplete());
    socket.write(Buffer.buffer().appendInt(256 << 20).appendBytes(new byte[64 << 10]));
    closed.future().await(10, TimeUnit.SECONDS);
    // and the event bus still takes connections
    client.connect(ClusterPorts.EVENT_BUS, HOST).await(10, TimeUnit.SECONDS).close();
    client.close().await(5, TimeUnit.SECONDS);
  }
}
