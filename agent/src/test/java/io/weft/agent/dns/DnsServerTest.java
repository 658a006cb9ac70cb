package io.weft.agent.dns;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.vertx.core.Vertx;
import io.weft.agent.dns.wire.Dns;
import io.weft.agent.dns.wire.Queries;
import io.weft.agent.stream.LengthPrefixedFrames;
import io.weft.common.net.Cidr;
import io.weft.common.net.Ipv4;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The server on real sockets, on loopback addresses of this machine (port 53 needs root): weft's
 * names over UDP and TCP, other names through a resolver (another weft server, authoritative for
 * example.org), and the bounds that keep a flood from costing more than it should.
 */
class DnsServerTest {

  private static final Ipv4 SERVER = Ipv4.parse("127.53.0.1");
  private static final Ipv4 RESOLVER = Ipv4.parse("127.53.0.2");
  private static final Ipv4 SILENT = Ipv4.parse("127.53.0.3");
  private static Vertx vertx;
  private static final List<Ipv4> resolvers = new java.util.concurrent.CopyOnWriteArrayList<>();

  @BeforeAll
  static void serversOnLoopback() throws Exception {
    assumeTrue("root".equals(System.getProperty("user.name")), "port 53 needs root");
    vertx = Vertx.vertx();
    Map<String, String> weft = new HashMap<>();
    NameRecords records = new NameRecords("host1", weft, null);
    records.register("c1", List.of("web.weft.local"), List.of(Ipv4.parse("10.32.0.7")));
    List<Ipv4> many = new ArrayList<>();
    for (int i = 1; i <= 100; i++) {
      many.add(Ipv4.parse("10.32.2." + i));
    }
    records.add("many.weft.local", many);
    start(weft, "weft.local", SERVER, () -> List.copyOf(resolvers));
    Map<String, String> outside = new HashMap<>();
    new NameRecords("elsewhere", outside, null).add("www.example.org", List.of(Ipv4.parse("198.51.100.7")));
    start(outside, "example.org", RESOLVER, List::of);
    resolvers.add(RESOLVER);
  }

  private static void start(Map<String, String> map, String domain, Ipv4 at,
      java.util.function.Supplier<List<Ipv4>> upstream) throws Exception {
    NameIndex index = new NameIndex(h -> true);
    index.sync(map);
    DnsServer server = new DnsServer(new QueryAnswerer(index, domain, Cidr.parse("10.32.0.0/12")), upstream);
    vertx.deployVerticle(server).toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    server.listenOn(at).toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
  }

  @AfterAll
  static void stop() {
    if (vertx != null) {
      vertx.close();
    }
  }

  @Test
  void weftsNamesOverUdpAndLargeAnswersWholeOverTcp() throws Exception {
    byte[] web = udp(Queries.of(1, "Web.Weft.Local", Dns.TYPE_A, 0));
    assertEquals(1, Queries.answerCount(web));
    byte[] cut = udp(Queries.of(2, "many.weft.local", Dns.TYPE_A, 0));
    assertTrue(Queries.truncated(cut));
    byte[] whole = tcp(Queries.of(3, "many.weft.local", Dns.TYPE_A, 0));
    assertEquals(100, Queries.answerCount(whole));
    assertEquals(3, Queries.id(whole));
  }

  @Test
  void otherNamesComeFromTheResolversOverUdpAndTcp() throws Exception {
    byte[] viaUdp = udp(Queries.of(0x7777, "www.example.org", Dns.TYPE_A, 0));
    assertEquals(0x7777, Queries.id(viaUdp));
    assertEquals(1, Queries.answerCount(viaUdp));
    byte[] viaTcp = tcp(Queries.of(0x7778, "www.example.org", Dns.TYPE_A, 0));
    assertEquals(1, Queries.answerCount(viaTcp));
    assertEquals(Dns.NXDOMAIN, Queries.rcode(udp(Queries.of(5, "nope.example.org", Dns.TYPE_A, 0))));
  }

  @Test
  void garbageGetsFormerrAndAFloodOfForwardsIsBoundedWhileWeftsNamesStillAnswer() throws Exception {
    byte[] bad = Queries.of(9, "web.weft.local", Dns.TYPE_A, 0);
    bad[5] = 2;
    assertEquals(Dns.FORMERR, Queries.rcode(udp(bad)));
    resolvers.add(0, SILENT); // asked first, answers never
    try (DatagramSocket flood = new DatagramSocket()) {
      // a sender that goes on until the server says SERVFAIL: over the bound, it does not wait
      flood.setSoTimeout(1);
      byte[] buffer = new byte[512];
      boolean refused = false;
      for (int i = 0; i < 20 * Forwarder.MAX_IN_FLIGHT && !refused; i++) {
        byte[] q = Queries.of(i & 0xffff, "n" + i + ".example.org", Dns.TYPE_A, 0);
        flood.send(new DatagramPacket(q, q.length, InetAddress.getByName(SERVER.toString()), 53));
        try {
          DatagramPacket back = new DatagramPacket(buffer, buffer.length);
          flood.receive(back);
          refused = (buffer[3] & 0x0f) == Dns.SERVFAIL;
        } catch (SocketTimeoutException nothingYet) {
          // the resolver asked first never answers: these wait their 1.5 s
        }
      }
      assertTrue(refused, "no SERVFAIL for queries over the bound");
      assertEquals(1, Queries.answerCount(udp(Queries.of(10, "web.weft.local", Dns.TYPE_A, 0))));
    } finally {
      resolvers.remove(SILENT);
    }
  }

  @Test
  void aClientThatPipelinesQueriesAndNeverReadsIsNotReadEither() throws Exception {
    byte[] query = LengthPrefixedFrames.frame(Dns.TCP_LENGTH_BYTES, Queries.of(11, "web.weft.local", Dns.TYPE_A, 0)).getBytes();
    java.nio.ByteBuffer many = java.nio.ByteBuffer.allocate(query.length * 2000);
    for (int i = 0; i < 2000; i++) {
      many.put(query);
    }
    long written = 0;
    long bound = 256L * 1024 * 1024;
    try (java.nio.channels.SocketChannel client = java.nio.channels.SocketChannel.open(
        new java.net.InetSocketAddress(SERVER.toString(), 53))) {
      client.configureBlocking(false);
      long stalledSince = 0;
      while (written < bound) {
        many.rewind();
        int n = client.write(many);
        written += n;
        if (n > 0) {
          stalledSince = 0;
        } else if (stalledSince == 0) {
          stalledSince = System.nanoTime();
        } else if (System.nanoTime() - stalledSince > TimeUnit.SECONDS.toNanos(2)) {
          break; // the server reads no more: its answers wait on this client
        } else {
          TimeUnit.MILLISECONDS.sleep(10); // polled within the bound above
        }
      }
      assertTrue(written < bound, "the server read " + written + " bytes of queries whose answers no one read");
      assertEquals(1, Queries.answerCount(udp(Queries.of(12, "web.weft.local", Dns.TYPE_A, 0))),
          "others are answered meanwhile");
    }
  }

  @Test
  void aTrickleIsCutOffAndOneClientHoldsAFewConnectionsAtMost() throws Exception {
    try (Socket trickle = new Socket(SERVER.toString(), 53)) {
      trickle.setSoTimeout(10_000);
      trickle.getOutputStream().write(0); // half a length, and nothing after
      long start = System.nanoTime();
      assertEquals(-1, trickle.getInputStream().read());
      assertTrue(System.nanoTime() - start < TimeUnit.SECONDS.toNanos(DnsConnection.MESSAGE_MILLIS / 1000 + 3));
    }
    List<Socket> held = new ArrayList<>();
    try {
      for (int i = 0; i < DnsServer.PER_CLIENT; i++) {
        held.add(new Socket(InetAddress.getByName(SERVER.toString()), 53, InetAddress.getByName("127.53.9.9"), 0));
      }
      try (Socket oneMore = new Socket(InetAddress.getByName(SERVER.toString()), 53,
          InetAddress.getByName("127.53.9.9"), 0)) {
        oneMore.setSoTimeout(5000);
        assertEquals(-1, oneMore.getInputStream().read(), "closed at once");
      }
      assertEquals(1, Queries.answerCount(tcp(Queries.of(13, "web.weft.local", Dns.TYPE_A, 0))),
          "another client is served");
    } finally {
      for (Socket s : held) {
        s.close();
      }
    }
  }

  private static byte[] udp(byte[] query) throws Exception {
    try (DatagramSocket socket = new DatagramSocket()) {
      socket.setSoTimeout(5000);
      socket.send(new DatagramPacket(query, query.length, InetAddress.getByName(SERVER.toString()), 53));
      byte[] buffer = new byte[4096];
      DatagramPacket packet = new DatagramPacket(buffer, buffer.length);
      while (true) {
        socket.receive(packet);
        byte[] answer = java.util.Arrays.copyOf(buffer, packet.getLength());
        if (Queries.id(answer) == Queries.id(query)) {
          return answer;
        }
      }
    } catch (SocketTimeoutException e) {
      throw new AssertionError("no answer over UDP", e);
    }
  }

  private static byte[] tcp(byte[] query) throws Exception {
    try (Socket socket = new Socket(SERVER.toString(), 53)) {
      socket.setSoTimeout(5000);
      DataOutputStream out = new DataOutputStream(socket.getOutputStream());
      out.writeShort(query.length);
      out.write(query);
      out.flush();
      DataInputStream in = new DataInputStream(socket.getInputStream());
      byte[] answer = new byte[in.readUnsignedShort()];
      in.readFully(answer);
      return answer;
    }
  }
}
