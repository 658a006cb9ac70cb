package io.weft.agent.bridge;

import static io.weft.agent.bridge.BridgeKit.frame;
import static io.weft.agent.bridge.BridgeKit.read;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.json.JsonObject;
import io.weft.common.bus.BridgeContract;
import java.io.IOException;
import java.security.KeyPair;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.temporal.ChronoUnit;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLSocket;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A revoked credential is refused at the handshake, and its open connections are closed the
 * moment the revocation is known; a credential made later under a revoked name is good; one that
 * expires while connected is closed when it expires.
 */
class RevocationTest {

  private static BridgeKit kit;
  private static int port;

  @BeforeAll
  static void start() throws Exception {
    kit = new BridgeKit();
    port = BridgeKit.freePort();
    kit.bridge(port, BridgeContract.MAX_CLIENTS).listen().await(5, TimeUnit.SECONDS);
  }

  @AfterAll
  static void stop() throws Exception {
    kit.close();
  }

  @Test
  void aRevokedSerialIsRefusedAtTheHandshakeAndOthersAreNot() throws Exception {
    BridgeKit.Credential revoked = kit.credential("ci", true);
    BridgeKit.Credential kept = kit.credential("ci", true);
    ping(revoked);
    kit.revocations.add(new Revocation(true, BridgeClient.serial(revoked.certificate()), Instant.now(), "host1"));
    assertRefused(revoked);
    ping(kept);
  }

  @Test
  void aRevokedNameRefusesEveryCredentialOfItMadeUntilThenAndNoneMadeAfter() throws Exception {
    BridgeKit.Credential one = kit.credential("deploy", false);
    BridgeKit.Credential two = kit.credential("deploy", true);
    // as if revoked a few seconds ago, so that one made after is valid already
    Instant at = Instant.now().truncatedTo(ChronoUnit.SECONDS).minusSeconds(5);
    kit.revocations.add(new Revocation(false, "deploy", at, "host1"));
    assertRefused(one);
    assertRefused(two);
    // made after: the signer dates it after the revocation
    KeyPair key = BridgeKit.newKey();
    X509Certificate after = kit.clients.issueClient("deploy", true, key.getPublic(),
        ZonedDateTime.ofInstant(at.plusSeconds(1), ZoneOffset.UTC), ZonedDateTime.now(ZoneOffset.UTC).plusDays(1));
    ping(new BridgeKit.Credential(key, after));
  }

  @Test
  void anOpenConnectionIsClosedTheMomentItsCredentialIsRevoked() throws Exception {
    BridgeKit.Credential leaked = kit.credential("leaked", false);
    try (SSLSocket socket = kit.connect(leaked, port)) {
      frame(socket, new JsonObject().put("type", "ping"));
      assertEquals("pong", read(socket).getString("type"));
      kit.revocations.add(new Revocation(false, "leaked", Instant.now(), "host2"));
      String why = BridgeKit.closedWith(socket);
      assertTrue(why.contains("leaked") && why.contains("revoked"), why);
    }
  }

  @Test
  void aConnectionWhoseCredentialExpiresIsClosedThen() throws Exception {
    KeyPair key = BridgeKit.newKey();
    ZonedDateTime now = ZonedDateTime.now(ZoneOffset.UTC);
    X509Certificate brief = kit.clients.issueClient("brief", true, key.getPublic(), now.minusMinutes(1),
        now.plusSeconds(2));
    try (SSLSocket socket = kit.connect(new BridgeKit.Credential(key, brief), port)) {
      frame(socket, new JsonObject().put("type", "ping"));
      assertEquals("pong", read(socket).getString("type"));
      socket.setSoTimeout(20_000);
      String why = BridgeKit.closedWith(socket);
      assertTrue(why.contains("expired"), why);
    }
  }

  private static void ping(BridgeKit.Credential credential) throws Exception {
    try (SSLSocket socket = kit.connect(credential, port)) {
      frame(socket, new JsonObject().put("type", "ping"));
      assertEquals("pong", read(socket).getString("type"));
    }
  }

  /** TLS 1.3: the client's handshake ends before the server has judged its certificate; the refusal comes next. */
  private static void assertRefused(BridgeKit.Credential credential) {
    assertThrows(IOException.class, () -> {
      try (SSLSocket socket = kit.connect(credential, port)) {
        frame(socket, new JsonObject().put("type", "ping"));
        read(socket);
      }
    });
  }
}
