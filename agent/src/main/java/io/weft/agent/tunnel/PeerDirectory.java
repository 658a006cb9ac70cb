package io.weft.agent.tunnel;

import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.net.NetClient;
import io.vertx.core.net.SocketAddress;
import java.io.IOException;
import java.net.Inet4Address;
import java.util.ArrayList;
import java.util.List;

/**
 * Asks a peer's gateway for the members of its cluster ({@link TunnelProtocols#PEERS}). A joiner
 * needs this: Hazelcast's join answers "the master is X" and dials X before this agent has seen
 * any membership event, so the forwarder for X must come from elsewhere. Asking every candidate
 * before Hazelcast starts (and again until joined) gives it.
 *
 * <p>An answer is bounded in size and time, and a gateway always names at least its own host: an
 * empty answer means the peer closed on us (in TLS 1.3 a client learns that the server refused
 * its certificate only when it reads).
 */
final class PeerDirectory {

  /** A few thousand members' addresses. */
  static final int MAX_ANSWER_BYTES = 64 * 1024;
  static final long ANSWER_TIMEOUT_MS = 3000;

  private final Vertx vertx;
  private final NetClient client;
  private final int gatewayPort;

  /** @param client a mutual-TLS client asking for {@link TunnelProtocols#PEERS} */
  PeerDirectory(Vertx vertx, NetClient client, int gatewayPort) {
    this.vertx = vertx;
    this.client = client;
    this.gatewayPort = gatewayPort;
  }

  /** The underlay addresses of {@code peer}'s members; fails as the connection did. */
  Future<List<Inet4Address>> membersOf(Inet4Address peer) {
    return client.connect(SocketAddress.inetSocketAddress(gatewayPort, peer.getHostAddress()))
        .compose(socket -> {
          Promise<List<Inet4Address>> result = Promise.promise();
          Buffer all = Buffer.buffer();
          long timer = vertx.setTimer(ANSWER_TIMEOUT_MS, t -> {
            result.tryFail(new IOException(peer.getHostAddress() + " did not answer"));
            socket.close();
          });
          socket.handler(data -> {
            all.appendBuffer(data);
            if (all.length() > MAX_ANSWER_BYTES) {
              result.tryFail(new IOException(peer.getHostAddress() + " answered too much"));
              socket.close();
            }
          });
          socket.exceptionHandler(result::tryFail);
          socket.closeHandler(v -> {
            vertx.cancelTimer(timer);
            try {
              result.tryComplete(parse(all.toString()));
            } catch (IllegalArgumentException e) {
              result.tryFail(new IOException(peer.getHostAddress() + " answered nonsense: " + e.getMessage()));
            }
          });
          return result.future();
        });
  }

  static String format(List<Inet4Address> members) {
    StringBuilder s = new StringBuilder();
    members.forEach(m -> s.append(m.getHostAddress()).append('\n'));
    return s.toString();
  }

  static List<Inet4Address> parse(String text) {
    List<Inet4Address> members = new ArrayList<>();
    for (String line : text.split("\n")) {
      if (!line.isBlank()) {
        members.add(LoopbackMapping.ipv4(line.strip()));
      }
    }
    if (members.isEmpty()) {
      throw new IllegalArgumentException("no member named");
    }
    return members;
  }
}
