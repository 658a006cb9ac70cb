package io.weft.agent.hazelcast;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.hazelcast.config.Config;
import com.hazelcast.core.HazelcastInstance;
import com.hazelcast.map.IMap;
import io.weft.agent.LogLines;
import io.weft.agent.UnitLocks;
import io.weft.agent.ports.HandshakeGate;
import io.weft.agent.tls.FleetCertificates;
import io.weft.agent.tls.KeyDerivation;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.BooleanSupplier;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLException;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.TrustManager;
import javax.net.ssl.X509TrustManager;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.parallel.ResourceLock;

/**
 * Three real Hazelcast members on loopback addresses of their own, every member connection in
 * mutual TLS through {@link TlsMember}: they form one cluster and carry large and many messages
 * both ways, and a key update in the middle of a session; a plain connection, TLS without a
 * certificate or with another fleet's, and a peer that says nothing are all dropped without a
 * byte of Hazelcast's; a member of another fleet does not join. These fail if Hazelcast's
 * networking changes under the handlers.
 */
@ResourceLock(UnitLocks.BOUNDED_CRYPTO)
class TlsMemberTest {

  private static final Duration BOUND = Duration.ofMillis(1500);
  private static final String CLUSTER = "weft-test";
  private static final byte[] HAZELCAST_HELLO = "HZC".getBytes(StandardCharsets.US_ASCII);
  private static final List<TlsMember> MEMBERS = new ArrayList<>();
  private static final List<SSLEngine> ENGINES = new CopyOnWriteArrayList<>();
  private static final List<InetSocketAddress> ADDRESSES = new ArrayList<>();
  /** Each member's bound on handshakes under way, in the order of {@link #MEMBERS}. */
  private static final List<HandshakeGate> GATES = new CopyOnWriteArrayList<>();
  private static final int PER_SOURCE = 3;
  private static FleetCertificates fleet;

  @BeforeAll
  static void formAFleetOfThree() throws Exception {
    fleet = fleetOf("the fleet's password");
    for (int i = 1; i <= 3; i++) {
      ADDRESSES.add(freeAddress("127.77.0." + i));
    }
    for (InetSocketAddress address : ADDRESSES) {
      MEMBERS.add(TlsMember.start(config(address, ADDRESSES), "m" + address.getPort(),
          settings(context(fleet, address)), ENGINES::add));
    }
    await("three members", () -> MEMBERS.stream()
        .allMatch(m -> m.instance().getCluster().getMembers().size() == 3));
  }

  @AfterAll
  static void stop() {
    MEMBERS.forEach(m -> m.instance().getLifecycleService().terminate());
  }

  @Test
  void theMembersFormOneClusterOverTls() {
    IMap<String, String> map = member(0).getMap("formed");
    map.put("k", "v");
    assertEquals("v", member(2).<String, String>getMap("formed").get("k"));
    for (TlsMember m : MEMBERS) {
      assertEquals(3, m.instance().getCluster().getMembers().size());
    }
    assertFalse(ENGINES.isEmpty(), "the members' connections went through the TLS handlers");
    ENGINES.forEach(e -> assertEquals("TLSv1.3", e.getSession().getProtocol()));
  }

  @Test
  void largeAndManyMessagesGoBothWays() {
    byte[] large = new byte[3 << 20];
    new Random(7).nextBytes(large);
    IMap<String, byte[]> fromFirst = member(0).getMap("large");
    fromFirst.put("large", large);
    assertArrayEquals(large, member(2).<String, byte[]>getMap("large").get("large"));
    member(2).<String, byte[]>getMap("large").put("back", large);
    assertArrayEquals(large, fromFirst.get("back"));

    IMap<Integer, Integer> many = member(1).getMap("many");
    for (int i = 0; i < 2000; i++) {
      many.putAsync(i, i);
    }
    IMap<Integer, Integer> elsewhere = member(0).getMap("many");
    await("2000 entries", () -> elsewhere.size() == 2000);
    Map<Integer, Integer> all = elsewhere.getAll(elsewhere.keySet());
    for (int i = 0; i < 2000; i++) {
      assertEquals(i, all.get(i));
    }
  }

  @Test
  void aKeyUpdateInTheMiddleOfASessionIsFollowed() throws Exception {
    IMap<Integer, String> map = member(0).getMap("rekeyed");
    for (SSLEngine engine : ENGINES) {
      if ("TLSv1.3".equals(engine.getSession().getProtocol())) {
        // on a TLS 1.3 session, the JDK answers this with a KeyUpdate that asks for one back
        engine.beginHandshake();
      }
    }
    for (int i = 0; i < 200; i++) {
      map.put(i, "after the key update " + i);
    }
    IMap<Integer, String> seen = member(2).getMap("rekeyed");
    for (int i = 0; i < 200; i++) {
      assertEquals("after the key update " + i, seen.get(i));
    }
  }

  @Test
  void aPlainConnectionGetsNothingBack() throws Exception {
    long before = refused();
    try (Socket s = new Socket()) {
      s.connect(ADDRESSES.get(1), 2000);
      s.setSoTimeout(10_000);
      s.getOutputStream().write(HAZELCAST_HELLO);
      s.getOutputStream().write(new byte[64]);
      String answer = readUntilClosed(s.getInputStream());
      // at most a TLS alert (content type 21), never Hazelcast's protocol
      assertTrue(answer.isEmpty() || answer.charAt(0) == 21 && !answer.contains("HZC"),
          "answered in clear: " + answer);
    }
    await("the plain connection counted", () -> refused() > before);
  }

  @Test
  void tlsWithoutACertificateIsRefused() throws Exception {
    long before = refused();
    assertThrows(IOException.class, () -> speakTls(null));
    await("counted", () -> refused() > before);
  }

  @Test
  void anotherFleetsCertificateIsRefused() throws Exception {
    long before = refused();
    SSLContext stranger = context(fleetOf("another password"), freeAddress("127.77.0.9"));
    assertThrows(IOException.class, () -> speakTls(stranger));
    await("counted", () -> refused() > before);
  }

  @Test
  void aSilentPeerIsDroppedAfterTheBound() throws Exception {
    long before = refused();
    try (Socket s = new Socket()) {
      s.connect(ADDRESSES.get(2), 2000);
      s.setSoTimeout(10_000);
      long start = System.nanoTime();
      assertEquals("", readUntilClosed(s.getInputStream()));
      long millis = (System.nanoTime() - start) / 1_000_000;
      assertTrue(millis >= BOUND.toMillis() - 100 && millis < BOUND.toMillis() + 5000,
          "dropped after " + millis + " ms");
    }
    await("counted", () -> refused() > before);
  }

  @Test
  void handshakesPastTheBoundFromOneSourceAreTurnedAwayAtOnceAndOthersStillJoin() throws Exception {
    InetSocketAddress target = ADDRESSES.get(1);
    HandshakeGate gate = GATES.get(1);
    InetAddress source = InetAddress.getByName("127.78.0.1");
    List<Socket> silent = new ArrayList<>();
    try {
      for (int i = 0; i < PER_SOURCE; i++) {
        silent.add(connectFrom(source, target));
      }
      await("the silent ones hold their places", () -> gate.underWay() >= PER_SOURCE);
      long refusedBefore = gate.refused();
      long start = System.nanoTime();
      String answer;
      // the gate closes the connection as it is accepted: connecting, writing or reading may each
      // meet that close first (a reset, a broken pipe), and each is the turning away this wants
      try (Socket over = connectFrom(source, target)) {
        over.getOutputStream().write(HAZELCAST_HELLO);
        answer = readUntilClosed(over.getInputStream());
      } catch (IOException closedAlready) {
        answer = "";
      }
      assertEquals("", answer);
      long millis = (System.nanoTime() - start) / 1_000_000;
      assertTrue(millis < BOUND.toMillis() / 2, "turned away after " + millis + " ms, not at once");
      assertEquals(refusedBefore + 1, gate.refused());
      // another source has places of its own: a genuine member's connection still comes up
      IMap<String, String> map = member(1).getMap("while-flooded");
      map.put("k", "v");
      assertEquals("v", member(0).<String, String>getMap("while-flooded").get("k"));
    } finally {
      for (Socket s : silent) {
        s.close();
      }
    }
    // the places come back once the silent ones end (at the bound at the latest)
    await("the places given back", () -> gate.underWay() == 0);
  }

  private static Socket connectFrom(InetAddress source, InetSocketAddress target) throws IOException {
    Socket s = new Socket();
    s.bind(new InetSocketAddress(source, 0));
    s.connect(target, 2000);
    s.setSoTimeout(10_000);
    return s;
  }

  @Test
  void aMemberOfAnotherFleetDoesNotJoin() throws Exception {
    InetSocketAddress address = freeAddress("127.77.0.8");
    Config config = config(address, ADDRESSES);
    long start = System.nanoTime();
    TlsMember foreign = TlsMember.start(config, "foreign",
        settings(context(fleetOf("not this fleet's"), address)));
    System.out.println("FIGURE a member of another fleet started alone after "
        + (System.nanoTime() - start) / 1_000_000 + " ms");
    try {
      assertEquals(1, foreign.instance().getCluster().getMembers().size());
      for (TlsMember m : MEMBERS) {
        assertEquals(3, m.instance().getCluster().getMembers().size());
      }
    } finally {
      foreign.instance().getLifecycleService().terminate();
    }
  }

  @Test
  void aMemberWhoseProcessDiesIsDroppedOnceItsPortIsRefused() throws Exception {
    InetSocketAddress address = freeAddress("127.77.0.9");
    TlsMember doomed = TlsMember.start(config(address, ADDRESSES), "doomed", settings(context(fleet, address)));
    await("four members", () -> MEMBERS.stream().allMatch(m -> m.instance().getCluster().getMembers().size() == 4));
    try (LogLines said = LogLines.of(TlsMember.class)) {
      long killed = System.nanoTime();
      // no leave, no migration: its sockets close as a killed process's do, its port refuses
      doomed.instance().getLifecycleService().terminate();
      await("three members again", () -> MEMBERS.stream()
          .allMatch(m -> m.instance().getCluster().getMembers().size() == 3));
      System.out.println("FIGURE a terminated member dropped by every other after "
          + (System.nanoTime() - killed) / 1_000_000 + " ms");
      String gone = address.getHostString() + "]:" + address.getPort() + " is gone";
      assertTrue(said.messages().stream().anyMatch(line -> line.contains(gone)),
          "no member checked the port of the one whose connections closed: " + said.messages());
    }
  }

  @Test
  void aMemberSuspectedByTheMasterIsDroppedByEveryOther() throws Exception {
    InetSocketAddress address = freeAddress("127.77.0.10");
    TlsMember suspect = TlsMember.start(config(address, ADDRESSES), "suspect", settings(context(fleet, address)));
    try {
      await("four members", () -> MEMBERS.stream().allMatch(m -> m.instance().getCluster().getMembers().size() == 4));
      UUID id = suspect.instance().getCluster().getLocalMember().getUuid();
      TlsMember master = MEMBERS.get(0);
      assertFalse(master.suspect(UUID.randomUUID(), "no such member"));
      assertFalse(master.suspect(master.instance().getCluster().getLocalMember().getUuid(), "itself"));
      assertTrue(master.suspect(id, "a test"));
      await("three members again", () -> MEMBERS.stream()
          .allMatch(m -> m.instance().getCluster().getMembers().stream().noneMatch(x -> x.getUuid().equals(id))));
    } finally {
      suspect.instance().getLifecycleService().terminate();
    }
    await("three members", () -> MEMBERS.stream().allMatch(m -> m.instance().getCluster().getMembers().size() == 3));
    // its attempts to join again end too: the gates' counts are the next case's to read
    await("no handshake under way", () -> GATES.stream().allMatch(g -> g.underWay() == 0));
  }

  /** TLS 1.3 to the first member, trusting any server, with {@code context}'s key or none. */
  private static void speakTls(SSLContext context) throws Exception {
    SSLContext client = context;
    if (client == null) {
      client = SSLContext.getInstance("TLSv1.3");
      client.init(null, new TrustManager[] {new TrustingEveryone()}, null);
    }
    try (SSLSocket s = (SSLSocket) client.getSocketFactory().createSocket()) {
      s.connect(ADDRESSES.get(0), 2000);
      s.setSoTimeout(10_000);
      s.startHandshake();
      s.getOutputStream().write(HAZELCAST_HELLO);
      s.getOutputStream().flush();
      // TLS 1.3: the server judges the client's certificate after the client's side is done;
      // the verdict arrives with the first read
      String answer = readUntilClosed(s.getInputStream());
      if (answer.isEmpty()) {
        throw new SSLException("closed without a byte");
      }
    }
  }

  private static String readUntilClosed(InputStream in) throws IOException {
    StringBuilder got = new StringBuilder();
    byte[] buffer = new byte[256];
    try {
      int n;
      while ((n = in.read(buffer)) > 0) {
        got.append(new String(buffer, 0, n, StandardCharsets.ISO_8859_1));
      }
    } catch (java.net.SocketException reset) {
      // closed hard: nothing more was sent
    }
    return got.toString();
  }

  private static long refused() {
    return MEMBERS.stream().mapToLong(TlsMember::refusedConnections).sum();
  }

  private static HazelcastInstance member(int i) {
    return MEMBERS.get(i).instance();
  }

  static Config config(InetSocketAddress self, List<InetSocketAddress> peers) {
    Config config = new Config().setClusterName(CLUSTER);
    config.setProperty("hazelcast.logging.type", "jdk");
    config.setProperty("hazelcast.phone.home.enabled", "false");
    config.setProperty("hazelcast.wait.seconds.before.join", "0");
    config.setProperty("hazelcast.merge.first.run.delay.seconds", "3600");
    MemberNetwork.apply(config, self, peers, 2);
    return config;
  }

  static TlsSettings settings(SSLContext context) {
    HandshakeGate gate = new HandshakeGate(PER_SOURCE, 64);
    GATES.add(gate);
    return new TlsSettings(context, BOUND, Duration.ofSeconds(2), gate);
  }

  static FleetCertificates fleetOf(String password) {
    return FleetCertificates.derive(KeyDerivation.fromPassword(password.toCharArray(), 1000));
  }

  static SSLContext context(FleetCertificates fleet, InetSocketAddress host) {
    return fleet.issue("m" + host.getPort(), List.<InetAddress>of(host.getAddress())).sslContext();
  }

  static InetSocketAddress freeAddress(String host) throws IOException {
    try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getByName(host))) {
      return new InetSocketAddress(InetAddress.getByName(host), s.getLocalPort());
    }
  }

  static void await(String what, BooleanSupplier condition) {
    long end = System.nanoTime() + 30_000_000_000L;
    while (!condition.getAsBoolean()) {
      if (System.nanoTime() > end) {
        throw new AssertionError("not within 30 s: " + what);
      }
      try {
        Thread.sleep(20);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new AssertionError(e);
      }
    }
  }

  private static final class TrustingEveryone implements X509TrustManager {
    @Override
    public void checkClientTrusted(X509Certificate[] chain, String authType) { }

    @Override
    public void checkServerTrusted(X509Certificate[] chain, String authType) { }

    @Override
    public X509Certificate[] getAcceptedIssuers() {
      return new X509Certificate[0];
    }
  }
}
