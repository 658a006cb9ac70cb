package io.weft.agent.dns;

import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.datagram.DatagramPacket;
import io.vertx.core.datagram.DatagramSocket;
import io.vertx.core.net.NetClient;
import io.vertx.core.net.NetClientOptions;
import io.vertx.core.net.NetSocket;
import io.weft.agent.dns.wire.Dns;
import io.weft.agent.dns.wire.Query;
import io.weft.agent.dns.wire.Responses;
import io.weft.common.net.Ipv4;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Supplier;

/**
 * Asks the host's resolvers what weft does not know, on the DNS server's event loop (so it needs
 * no locks): a UDP query over UDP under an id of its own, a TCP one over TCP; each resolver in
 * turn until one answers. An answer counts only from the resolver asked, with the id and the
 * question sent. At most {@link #MAX_IN_FLIGHT} queries wait at once: a flood of names that are
 * not weft's gets SERVFAIL, and costs the resolvers nothing.
 */
final class Forwarder {

  static final int MAX_IN_FLIGHT = 512;
  private static final long TRY_MILLIS = 1500;

  /** A query asked of a resolver, waiting for its answer. */
  private record Waiting(byte[] query, int questionEnd, int clientId, List<Ipv4> servers, int tried,
      Promise<byte[]> answer, long timer) {}

  private final Vertx vertx;
  private final Supplier<List<Ipv4>> resolvers;
  private final Map<Integer, Waiting> waiting = new HashMap<>();
  private DatagramSocket socket;
  private NetClient tcp;
  private int inFlight;

  Forwarder(Vertx vertx, Supplier<List<Ipv4>> resolvers) {
    this.vertx = vertx;
    this.resolvers = resolvers;
  }

  /** Opens the socket resolvers answer on; call on the event loop it is to run on. */
  Future<Void> start() {
    socket = vertx.createDatagramSocket();
    socket.handler(this::received);
    tcp = vertx.createNetClient(new NetClientOptions().setConnectTimeout((int) TRY_MILLIS)
        .setIdleTimeout((int) (2 * TRY_MILLIS)).setIdleTimeoutUnit(java.util.concurrent.TimeUnit.MILLISECONDS));
    return socket.listen(0, "0.0.0.0").mapEmpty();
  }

  /** The resolvers' answer to {@code message}, with the client's id; fails when none answers. */
  Future<byte[]> forward(byte[] message, Query query, boolean overTcp) {
    List<Ipv4> servers = resolvers.get();
    if (servers.isEmpty()) {
      return Future.failedFuture("the host has no resolver");
    }
    if (inFlight >= MAX_IN_FLIGHT) {
      return Future.failedFuture("too many queries wait for the resolvers");
    }
    inFlight++;
    Promise<byte[]> answer = Promise.promise();
    if (overTcp) {
      askOverTcp(message, servers, 0, answer);
    } else {
      askOverUdp(message, query, servers, 0, answer);
    }
    return answer.future().andThen(done -> inFlight--);
  }

  private void askOverUdp(byte[] message, Query query, List<Ipv4> servers, int tried, Promise<byte[]> answer) {
    if (tried == servers.size()) {
      answer.fail("no resolver answered");
      return;
    }
    int id = freeId();
    byte[] asked = Responses.withId(message, message.length, id);
    long timer = vertx.setTimer(TRY_MILLIS, t -> {
      Waiting late = waiting.remove(id);
      if (late != null) {
        askOverUdp(message, query, servers, tried + 1, answer);
      }
    });
    waiting.put(id, new Waiting(asked, query.questionEnd(), query.id(), servers, tried, answer, timer));
    socket.send(Buffer.buffer(asked), Dns.PORT, servers.get(tried).toString());
  }

  private void received(DatagramPacket packet) {
    byte[] bytes = packet.data().getBytes();
    if (bytes.length < Dns.HEADER_LENGTH) {
      return;
    }
    int id = ((bytes[0] & 0xff) << 8) | (bytes[1] & 0xff);
    Waiting w = waiting.get(id);
    if (w == null || packet.sender().port() != Dns.PORT
        || !packet.sender().host().equals(w.servers().get(w.tried()).toString())
        || bytes.length < w.questionEnd()
        || !Arrays.equals(bytes, Dns.HEADER_LENGTH, w.questionEnd(), w.query(), Dns.HEADER_LENGTH, w.questionEnd())) {
      return; // not the answer to what was asked: ignored, as a spoof would be
    }
    waiting.remove(id);
    vertx.cancelTimer(w.timer());
    w.answer().complete(Responses.withId(bytes, bytes.length, w.clientId()));
  }

  private void askOverTcp(byte[] message, List<Ipv4> servers, int tried, Promise<byte[]> answer) {
    if (tried == servers.size()) {
      answer.fail("no resolver answered over TCP");
      return;
    }
    tcp.connect(Dns.PORT, servers.get(tried).toString()).onComplete(connected -> {
      if (connected.failed()) {
        askOverTcp(message, servers, tried + 1, answer);
        return;
      }
      NetSocket conn = connected.result();
      TcpFrames frames = new TcpFrames(TcpFrames.MAX_ANSWER, frame -> {
        answer.tryComplete(frame);
        conn.close();
      }, conn::close);
      conn.handler(frames::received);
      conn.closeHandler(v -> {
        if (!answer.future().isComplete()) {
          askOverTcp(message, servers, tried + 1, answer);
        }
      });
      conn.write(TcpFrames.frame(message));
    });
  }

  private int freeId() {
    int id;
    do {
      id = ThreadLocalRandom.current().nextInt(0x10000);
    } while (waiting.containsKey(id));
    return id;
  }
}
