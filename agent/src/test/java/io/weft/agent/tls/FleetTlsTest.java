package io.weft.agent.tls;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.eventbus.EventBusOptions;
import io.vertx.core.http.ClientAuth;
import io.vertx.core.net.NetClient;
import io.vertx.core.net.NetClientOptions;
import io.vertx.core.net.NetServer;
import io.vertx.core.net.NetSocket;
import io.weft.agent.UnitLocks;
import io.weft.agent.tls.FleetCertificates.KeyType;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.security.cert.CertPathValidator;
import java.security.cert.CertificateFactory;
import java.security.cert.PKIXParameters;
import java.security.cert.TrustAnchor;
import java.security.cert.X509Certificate;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.parallel.ResourceLock;

/** Keys from the password, the certificates, and the one TLS policy, with real handshakes. */
@ResourceLock(UnitLocks.BOUNDED_CRYPTO)
class FleetTlsTest {

  /** These tests are not about the derivation's cost. */
  private static final int FAST = 1000;
  private static Vertx vertx;
  private static FleetCertificates fleet;

  @BeforeAll
  static void start() {
    vertx = Vertx.vertx();
    fleet = fleetOf("pw");
  }

  @AfterAll
  static void stop() throws Exception {
    vertx.close().await(5, TimeUnit.SECONDS);
  }

  static FleetCertificates fleetOf(String password) {
    return FleetCertificates.derive(KeyDerivation.fromPassword(password.toCharArray(), FAST));
  }

  private static FleetTls tls(FleetCertificates ca, String name) throws Exception {
    return new FleetTls(ca.issue(name, List.of(InetAddress.getByName("127.0.0.1"))));
  }

  @Test
  void theSamePasswordGivesTheSameAuthorityAndClusterNameEverywhere() {
    assertEquals(fleet.fingerprint(), fleetOf("pw").fingerprint());
    assertArrayEquals(fleet.authority().getPublicKey().getEncoded(),
        fleetOf("pw").authority().getPublicKey().getEncoded());
    assertNotEquals(fleet.fingerprint(), fleetOf("pw2").fingerprint());
    assertEquals(KeyDerivation.fromPassword("pw".toCharArray(), FAST).clusterName(),
        KeyDerivation.fromPassword("pw".toCharArray(), FAST).clusterName());
    assertNotEquals(KeyDerivation.fromPassword("pw".toCharArray(), FAST).clusterName(),
        KeyDerivation.fromPassword("pw2".toCharArray(), FAST).clusterName());
    assertTrue(KeyDerivation.fromPassword("pw".toCharArray(), FAST).clusterName().matches("weft-[0-9a-f]{32}"));
  }

  @Test
  void eachPurposeGetsItsOwnSecret() {
    KeyDerivation kdf = KeyDerivation.fromPassword("pw".toCharArray(), FAST);
    assertFalse(List.of(kdf.secret("a")).equals(List.of(kdf.secret("b"))));
    assertEquals(32, kdf.secret("ca-ed25519").length);
  }

  @Test
  void anAgentsCertificateChainsToTheFleetAuthorityAndNamesItsHost() throws Exception {
    AgentIdentity agent = fleet.issue("host1", List.of(InetAddress.getByName("172.29.0.11")));
    X509Certificate leaf = agent.certificate();
    PKIXParameters trust = new PKIXParameters(Set.of(new TrustAnchor(fleet.authority(), null)));
    trust.setRevocationEnabled(false);
    CertPathValidator.getInstance("PKIX").validate(
        CertificateFactory.getInstance("X.509").generateCertPath(List.of(leaf)), trust);
    assertEquals("CN=host1,O=weft", leaf.getSubjectX500Principal().getName());
    assertEquals(List.of(List.of(2, "host1"), List.of(7, "172.29.0.11")),
        List.copyOf(leaf.getSubjectAlternativeNames()));
    assertEquals(List.of("1.3.6.1.5.5.7.3.1", "1.3.6.1.5.5.7.3.2"), leaf.getExtendedKeyUsage());
    assertEquals(0, fleet.authority().getBasicConstraints());
    assertTrue(List.of("Ed25519", "EdDSA").contains(fleet.authority().getPublicKey().getAlgorithm()));
    assertEquals("EC", leaf.getPublicKey().getAlgorithm());
  }

  @Test
  void alpnChoosesTheStreamOverTls13() throws Exception {
    FleetTls server = tls(fleet, "a");
    FleetTls client = tls(fleet, "b");
    NetServer s = vertx.createNetServer(server.server("127.0.0.1", 0, List.of("x/1", "y/1")));
    // the server answers once the client speaks, so the answer cannot come before the client's
    // handler is there to take it
    s.connectHandler(sock -> sock.handler(b -> sock.end(Buffer.buffer(sock.sslSession().getProtocol()))));
    s.listen().await(5, TimeUnit.SECONDS);
    for (String p : List.of("x/1", "y/1")) {
      NetClient net = vertx.createNetClient(client.client(2000, p));
      NetSocket c = net.connect(s.actualPort(), "127.0.0.1").await(5, TimeUnit.SECONDS);
      assertEquals("TLSv1.3", c.sslSession().getProtocol());
      assertEquals(p, c.applicationLayerProtocol());
      Promise<String> got = Promise.promise();
      c.handler(b -> got.tryComplete(b.toString()));
      c.write("?");
      assertEquals("TLSv1.3", got.future().await(5, TimeUnit.SECONDS)); // what the server saw
      net.close().await(5, TimeUnit.SECONDS);
    }
    s.close().await(5, TimeUnit.SECONDS);
  }

  @Test
  void aHostOfAnotherFleetIsRefusedEitherWay() throws Exception {
    FleetTls member = tls(fleet, "a");
    FleetTls stranger = tls(fleetOf("other"), "mallory");
    for (FleetTls[] pair : new FleetTls[][] {{member, stranger}, {stranger, member}}) {
      NetServer s = vertx.createNetServer(pair[0].server("127.0.0.1", 0));
      s.connectHandler(sock -> sock.write("secret"));
      s.listen().await(5, TimeUnit.SECONDS);
      assertThrows(ExecutionException.class, () -> vertx
          .createNetClient(pair[1].client(2000)).connect(s.actualPort(), "127.0.0.1")
          .toCompletionStage().toCompletableFuture().get(5, TimeUnit.SECONDS));
      s.close().await(5, TimeUnit.SECONDS);
    }
  }

  @Test
  void aClientWithoutACertificateOrWithoutTlsGetsNothing() throws Exception {
    NetServer s = vertx.createNetServer(tls(fleet, "a").server("127.0.0.1", 0));
    s.connectHandler(sock -> sock.write("secret"));
    s.listen().await(5, TimeUnit.SECONDS);
    NetClientOptions noCertificate = new NetClientOptions().setSsl(true).setTrustAll(true)
        .setConnectTimeout(2000);
    NetClient net = vertx.createNetClient(noCertificate);
    try {
      NetSocket c = net.connect(s.actualPort(), "127.0.0.1").await(5, TimeUnit.SECONDS);
      Promise<String> got = Promise.promise();
      c.handler(b -> got.tryComplete(b.toString()));
      c.closeHandler(v -> got.tryComplete("closed"));
      c.exceptionHandler(got::tryFail);
      assertNotEquals("secret", got.future().toCompletionStage().toCompletableFuture()
          .handle((text, failure) -> failure == null ? text : "failed").get(5, TimeUnit.SECONDS));
    } catch (Exception refusedAtTheHandshake) {
      // the other way TLS 1.3 may end it
    }
    try (Socket plain = new Socket("127.0.0.1", s.actualPort())) {
      plain.setSoTimeout(5000);
      plain.getOutputStream().write("HZC\1\0\0\0\0\0\0\0\0\0\0\0\0".getBytes());
      InputStream in = plain.getInputStream();
      byte[] got = in.readNBytes(6);
      assertFalse(new String(got).contains("secret"));
    }
    s.close().await(5, TimeUnit.SECONDS);
  }

  @Test
  void theEventBusTrustsTheFleetAloneAndAsksForCertificates() throws Exception {
    EventBusOptions options = tls(fleet, "a").eventBus(new EventBusOptions());
    assertTrue(options.isSsl());
    assertFalse(options.isTrustAll());
    assertEquals(ClientAuth.REQUIRED, options.getClientAuth());
    assertEquals(Set.of("TLSv1.3"), options.getEnabledSecureTransportProtocols());
    // the clustered event bus copies its options through JSON: what it keeps must survive that
    EventBusOptions copied = new EventBusOptions(options.toJson());
    assertFalse(copied.isTrustAll());
    assertEquals(ClientAuth.REQUIRED, copied.getClientAuth());
    assertTrue(copied.getKeyCertOptions() != null && copied.getTrustOptions() != null);
  }

  @Test
  void anEd25519LeafWorksToo() throws Exception {
    AgentIdentity ed = fleet.issue("c", List.of(InetAddress.getByName("127.0.0.1")), KeyType.ED25519);
    // The JVM's first Ed25519 handshake loads and compiles what it needs, and took more than the
    // agent's handshake bound with other test classes beside it: this test is about which keys
    // work, not about how fast, so its bounds are wide.
    NetServer s = vertx.createNetServer(new FleetTls(ed).server("127.0.0.1", 0)
        .setSslHandshakeTimeout(30).setSslHandshakeTimeoutUnit(TimeUnit.SECONDS));
    s.connectHandler(sock -> sock.write("ok"));
    s.listen().await(5, TimeUnit.SECONDS);
    // held: Vert.x closes a client, and its connections, once it is garbage
    NetClient client = vertx.createNetClient(tls(fleet, "d").client(2000)
        .setSslHandshakeTimeout(30).setSslHandshakeTimeoutUnit(TimeUnit.SECONDS));
    NetSocket c = client.connect(s.actualPort(), "127.0.0.1").await(30, TimeUnit.SECONDS);
    assertEquals("TLSv1.3", c.sslSession().getProtocol());
    client.close().await(5, TimeUnit.SECONDS);
    s.close().await(5, TimeUnit.SECONDS);
  }
}
