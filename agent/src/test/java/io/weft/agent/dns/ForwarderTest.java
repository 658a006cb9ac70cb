package io.weft.agent.dns;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.weft.agent.dns.wire.Dns;
import io.weft.agent.dns.wire.Queries;
import io.weft.agent.dns.wire.Query;
import io.weft.common.net.Ipv4;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The forwarder against a resolver on this machine's loopback: each query from a port of its own
 * with an id of its own, and an answer taken only from the resolver asked, with the id and the
 * question sent; a forgery from elsewhere, or of another question, is ignored.
 */
class ForwarderTest {

  private Vertx vertx;
  private DatagramSocket resolver;
  private Context context;
  private Forwarder forwarder;

  @BeforeEach
  void start() throws Exception {
    vertx = Vertx.vertx();
    resolver = new DatagramSocket(0, InetAddress.getByName("127.0.0.1"));
    resolver.setSoTimeout(5000);
    context = vertx.getOrCreateContext();
    Promise<Void> started = Promise.promise();
    context.runOnContext(v -> {
      forwarder = new Forwarder(vertx, () -> List.of(Ipv4.parse("127.0.0.1")), resolver.getLocalPort());
      forwarder.start().onComplete(started);
    });
    started.future().await(5, TimeUnit.SECONDS);
  }

  /** A forwarder of its own asking {@code resolvers} in order, started on the test's context. */
  private Forwarder forwarderAsking(List<Ipv4> resolvers) throws Exception {
    Promise<Forwarder> started = Promise.promise();
    context.runOnContext(v -> {
      Forwarder own = new Forwarder(vertx, () -> resolvers, resolver.getLocalPort());
      own.start().map(own).onComplete(started);
    });
    return started.future().await(5, TimeUnit.SECONDS);
  }

  @AfterEach
  void stop() throws Exception {
    resolver.close();
    vertx.close().await(5, TimeUnit.SECONDS);
  }

  @Test
  void eachQueryLeavesFromAPortAndUnderAnIdOfItsOwn() throws Exception {
    Set<Integer> ports = new HashSet<>();
    Set<Integer> ids = new HashSet<>();
    for (int i = 0; i < 10; i++) {
      byte[] query = Queries.of(0x1234, "n" + i + ".example.org", Dns.TYPE_A, 0);
      Future<byte[]> answer = forward(query);
      DatagramPacket asked = receive();
      ports.add(asked.getPort());
      ids.add(Queries.id(Arrays.copyOf(asked.getData(), asked.getLength())));
      answer(asked, asked.getPort(), Queries.id(asked.getData()));
      byte[] got = answer.await(5, TimeUnit.SECONDS);
      assertEquals(0x1234, Queries.id(got), "the client gets its own id back");
    }
    assertTrue(ports.size() >= 9, "source ports: " + ports);
    assertTrue(ids.size() >= 9, "ids: " + ids);
  }

  @Test
  void onlyTheResolverAskedWithTheIdAndQuestionSentIsBelieved() throws Exception {
    byte[] query = Queries.of(7, "www.example.org", Dns.TYPE_A, 0);
    Future<byte[]> answer = forward(query);
    DatagramPacket asked = receive();
    int id = Queries.id(asked.getData());
    try (DatagramSocket forger = new DatagramSocket(0, InetAddress.getByName("127.0.0.1"))) {
      // the right id and question, from another port than the resolver's
      byte[] forged = reply(Arrays.copyOf(asked.getData(), asked.getLength()), 0x0a);
      forger.send(new DatagramPacket(forged, forged.length, InetAddress.getByName("127.0.0.1"), asked.getPort()));
    }
    // from the resolver, with the id, but of another question
    byte[] other = reply(Queries.of(id, "evil.example.org", Dns.TYPE_A, 0), 0x0b);
    resolver.send(new DatagramPacket(other, other.length, asked.getAddress(), asked.getPort()));
    // from the resolver, the question, another id
    byte[] wrongId = reply(Arrays.copyOf(asked.getData(), asked.getLength()), 0x0c);
    wrongId[0] ^= 0x55;
    resolver.send(new DatagramPacket(wrongId, wrongId.length, asked.getAddress(), asked.getPort()));
    // the resolver's own
    answer(asked, asked.getPort(), id);
    byte[] got = answer.await(5, TimeUnit.SECONDS);
    assertEquals(0x0d, got[3] & 0x0f, "the answer believed is the resolver's own");
  }

  @Test
  void aResolverTheKernelWillNotSendToIsPassedAtOnce() throws Exception {
    // In the field, a resolver with no route to it (ENETUNREACH at the send); here, the broadcast
    // address, which a socket without SO_BROADCAST may not send to (EACCES): either way the send
    // fails at once, and the next resolver is asked then, not after the first one's wait.
    forwarder = forwarderAsking(List.of(Ipv4.parse("255.255.255.255"), Ipv4.parse("127.0.0.1")));
    long start = System.nanoTime();
    Future<byte[]> answer = forward(Queries.of(8, "www.example.org", Dns.TYPE_A, 0));
    DatagramPacket asked = receive();
    long askedAfterMillis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
    answer(asked, asked.getPort(), Queries.id(asked.getData()));
    assertEquals(0x0d, answer.await(5, TimeUnit.SECONDS)[3] & 0x0f, "the second resolver's answer");
    assertTrue(askedAfterMillis < Forwarder.TRY_MILLIS,
        "the second resolver asked " + askedAfterMillis + " ms after the query, a whole try's wait");
  }

  private Future<byte[]> forward(byte[] query) throws Exception {
    Promise<byte[]> done = Promise.promise();
    context.runOnContext(v -> {
      try {
        forwarder.forward(query, Query.parse(query, query.length), false).onComplete(done);
      } catch (Exception e) {
        done.fail(e);
      }
    });
    return done.future();
  }

  private DatagramPacket receive() throws Exception {
    DatagramPacket packet = new DatagramPacket(new byte[512], 512);
    resolver.receive(packet);
    return packet;
  }

  /** The resolver's answer: the query with QR set and a marker in the rcode. */
  private void answer(DatagramPacket asked, int port, int id) throws Exception {
    byte[] answer = reply(Arrays.copyOf(asked.getData(), asked.getLength()), 0x0d);
    answer[0] = (byte) (id >> 8);
    answer[1] = (byte) id;
    resolver.send(new DatagramPacket(answer, answer.length, asked.getAddress(), port));
  }

  private static byte[] reply(byte[] query, int marker) {
    byte[] answer = query.clone();
    answer[2] |= (byte) 0x80;
    answer[3] = (byte) ((answer[3] & 0xf0) | marker);
    return answer;
  }
}
