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
import io.weft.agent.stream.LengthPrefixedFrames;
import io.weft.common.net.Ipv4;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/**
 * Asks the host's resolvers what weft does not know, on the DNS server's event loop (so it needs
 * no locks): a UDP query over UDP, a TCP one over TCP; each resolver in turn until one answers,
 * and one the kernel will not send to (no route to it) passed at once, not after a try's wait.
 *
 * <p>A forged answer must guess everything a resolver's would: each UDP query leaves from a
 * socket of its own on a port chosen at random ({@link #SOURCE_PORTS}), with an id from a
 * {@link SecureRandom}, and an answer counts only from the resolver asked, to that port, with
 * that id and the question sent (about 32 bits to guess, not 16 from one fixed port). A TCP
 * answer must match the id and question too. At most {@link #MAX_IN_FLIGHT} queries wait at
 * once: a flood of names that are not weft's gets SERVFAIL, and costs the resolvers nothing.
 */
final class Forwarder {

  static final int MAX_IN_FLIGHT = 512;
  static final long TRY_MILLIS = 1500;
  /** The source ports a query may leave from: Linux's default ephemeral range. */
  static final int FIRST_PORT = 32768;
  static final int SOURCE_PORTS = 61000 - FIRST_PORT;
  /** Ports tried at random before the kernel is left to choose (one in use is skipped). */
  private static final int PORT_TRIES = 4;

  private final Vertx vertx;
  private final Supplier<List<Ipv4>> resolvers;
  private final int resolverPort;
  private final SecureRandom random = new SecureRandom();
  private NetClient tcp;
  private int inFlight;

  Forwarder(Vertx vertx, Supplier<List<Ipv4>> resolvers) {
    this(vertx, resolvers, Dns.PORT);
  }

  /** @param resolverPort where resolvers listen: 53, another in tests */
  Forwarder(Vertx vertx, Supplier<List<Ipv4>> resolvers, int resolverPort) {
    this.vertx = vertx;
    this.resolvers = resolvers;
    this.resolverPort = resolverPort;
  }

  /** Prepares the TCP client; call on the event loop it is to run on. */
  Future<Void> start() {
    tcp = vertx.createNetClient(new NetClientOptions().setConnectTimeout((int) TRY_MILLIS)
        .setIdleTimeout((int) (2 * TRY_MILLIS)).setIdleTimeoutUnit(TimeUnit.MILLISECONDS));
    return Future.succeededFuture();
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
      askOverTcp(message, query, servers, 0, answer);
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
    int id = random.nextInt(0x10000);
    byte[] asked = Responses.withId(message, message.length, id);
    String server = servers.get(tried).toString();
    bindRandomPort(PORT_TRIES).onComplete(bound -> {
      if (bound.failed()) {
        askOverUdp(message, query, servers, tried + 1, answer);
        return;
      }
      DatagramSocket socket = bound.result();
      long timer = vertx.setTimer(TRY_MILLIS, t -> {
        socket.close();
        askOverUdp(message, query, servers, tried + 1, answer);
      });
      socket.handler(packet -> {
        if (isAnswer(packet, server, id, asked, query.questionEnd())) {
          vertx.cancelTimer(timer);
          socket.close();
          byte[] bytes = packet.data().getBytes();
          answer.tryComplete(Responses.withId(bytes, bytes.length, query.id()));
        } // anything else is ignored, as a forgery would be
      });
      socket.send(Buffer.buffer(asked), resolverPort, server).onFailure(unsent -> {
        // refused at once (no route to the resolver, say): the next one now, not after the try
        if (vertx.cancelTimer(timer)) {
          socket.close();
          askOverUdp(message, query, servers, tried + 1, answer);
        }
      });
    });
  }

  /** A socket on a port chosen here at random; the kernel's choice when those tried are taken. */
  private Future<DatagramSocket> bindRandomPort(int tries) {
    DatagramSocket socket = vertx.createDatagramSocket();
    int port = tries == 0 ? 0 : FIRST_PORT + random.nextInt(SOURCE_PORTS);
    return socket.listen(port, "0.0.0.0").recover(taken -> {
      socket.close();
      return tries == 0 ? Future.failedFuture(taken) : bindRandomPort(tries - 1);
    });
  }

  /** Whether {@code packet} is the answer to what was asked: from that resolver, that id, that question. */
  private boolean isAnswer(DatagramPacket packet, String server, int id, byte[] asked, int questionEnd) {
    byte[] bytes = packet.data().getBytes();
    return packet.sender().port() == resolverPort && packet.sender().host().equals(server)
        && matches(bytes, id, asked, questionEnd);
  }

  /** The answer's id is {@code id} and its question is the one asked. */
  static boolean matches(byte[] answer, int id, byte[] asked, int questionEnd) {
    return answer.length >= questionEnd && answer.length >= Dns.HEADER_LENGTH
        && (((answer[0] & 0xff) << 8) | (answer[1] & 0xff)) == id
        && Arrays.equals(answer, Dns.HEADER_LENGTH, questionEnd, asked, Dns.HEADER_LENGTH, questionEnd);
  }

  private void askOverTcp(byte[] message, Query query, List<Ipv4> servers, int tried, Promise<byte[]> answer) {
    if (tried == servers.size()) {
      answer.fail("no resolver answered over TCP");
      return;
    }
    int id = random.nextInt(0x10000);
    byte[] asked = Responses.withId(message, message.length, id);
    tcp.connect(resolverPort, servers.get(tried).toString()).onComplete(connected -> {
      if (connected.failed()) {
        askOverTcp(message, query, servers, tried + 1, answer);
        return;
      }
      NetSocket conn = connected.result();
      LengthPrefixedFrames frames =
          new LengthPrefixedFrames(Dns.TCP_LENGTH_BYTES, 1, Dns.MAX_TCP_MESSAGE);
      conn.handler(bytes -> {
        frames.received(bytes);
        try {
          Buffer next = frames.next();
          if (next != null) {
            byte[] frame = next.getBytes();
            if (matches(frame, id, asked, query.questionEnd())) {
              answer.tryComplete(Responses.withId(frame, frame.length, query.id()));
            }
            conn.close(); // one question, one answer: anything else ends it
          }
        } catch (LengthPrefixedFrames.Broken e) {
          conn.close();
        }
      });
      conn.closeHandler(v -> {
        if (!answer.future().isComplete()) {
          askOverTcp(message, query, servers, tried + 1, answer);
        }
      });
      conn.write(LengthPrefixedFrames.frame(Dns.TCP_LENGTH_BYTES, asked));
    });
  }
}
