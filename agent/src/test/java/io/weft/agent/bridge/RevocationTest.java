package io.weft.agent.bridge;

import static io.weft.agent.bridge.BridgeKit.frame;
import static io.weft.agent.bridge.BridgeKit.read;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.security.KeyPair;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.temporal.ChronoUnit;
import javax.net.ssl.SSLSocket;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * A revoked credential is refused at the handshake, and its open connections are closed the
 * moment the revocation is known; a credential made later under a revoked name is good; one that
 * expires while connected is closed when it expires.
 */
class RevocationTest {

  @RegisterExtension
  static final OneBridge bridge = new OneBridge();

  @Test
  void aRevokedSerialIsRefusedAtTheHandshakeAndOthersAreNot() throws Exception {
    BridgeKit.Credential revoked = bridge.kit.credential("ci", true);
    BridgeKit.Credential kept = bridge.kit.credential("ci", true);
    ping(revoked);
    bridge.kit.revocations.add(new Revocation(true, BridgeClient.serial(revoked.certificate()), Instant.now(), "host1"));
    assertRefused(revoked);
    ping(kept);
  }

  @Test
  void aRevokedNameRefusesEveryCredentialOfItMadeUntilThenAndNoneMadeAfter() throws Exception {
    BridgeKit.Credential one = bridge.kit.credential("deploy", false);
    BridgeKit.Credential two = bridge.kit.credential("deploy", true);
    // as if revoked a few seconds ago, so that one made after is valid already
    Instant at = Instant.now().truncatedTo(ChronoUnit.SECONDS).minusSeconds(5);
    bridge.kit.revocations.add(new Revocation(false, "deploy", at, "host1"));
    assertRefused(one);
    assertRefused(two);
    // made after: the signer dates it after the revocation
    KeyPair key = BridgeKit.newKey();
    X509Certificate after = bridge.kit.clients.issueClient("deploy", true, key.getPublic(),
        ZonedDateTime.ofInstant(at.plusSeconds(1), ZoneOffset.UTC), ZonedDateTime.now(ZoneOffset.UTC).plusDays(1));
    ping(new BridgeKit.Credential(key, after));
  }

  @Test
  void anOpenConnectionIsClosedTheMomentItsCredentialIsRevoked() throws Exception {
    BridgeKit.Credential leaked = bridge.kit.credential("leaked", false);
    try (SSLSocket socket = bridge.kit.connect(leaked, bridge.port)) {
      frame(socket, new JsonObject().put("type", "ping"));
      assertEquals("pong", read(socket).getString("type"));
      bridge.kit.revocations.add(new Revocation(false, "leaked", Instant.now(), "host2"));
      String why = BridgeKit.closedWith(socket);
      assertTrue(why.contains("leaked") && why.contains("revoked"), why);
    }
  }

  @Test
  void aConnectionWhoseCredentialExpiresIsClosedThen() throws Exception {
    KeyPair key = BridgeKit.newKey();
    ZonedDateTime now = ZonedDateTime.now(ZoneOffset.UTC);
    X509Certificate brief = bridge.kit.clients.issueClient("brief", true, key.getPublic(), now.minusMinutes(1),
        now.plusSeconds(2));
    try (SSLSocket socket = bridge.kit.connect(new BridgeKit.Credential(key, brief), bridge.port)) {
      frame(socket, new JsonObject().put("type", "ping"));
      assertEquals("pong", read(socket).getString("type"));
      socket.setSoTimeout(20_000);
      String why = BridgeKit.closedWith(socket);
      assertTrue(why.contains("expired"), why);
    }
  }

  private static void ping(BridgeKit.Credential credential) throws Exception {
    try (SSLSocket socket = bridge.kit.connect(credential, bridge.port)) {
      frame(socket, new JsonObject().put("type", "ping"));
      assertEquals("pong", read(socket).getString("type"));
    }
  }

  /** TLS 1.3: the client's handshake ends before the server has judged its certificate; the refusal comes next. */
  private static void assertRefused(BridgeKit.Credential credential) {
    assertThrows(IOException.class, () -> {
      try (SSLSocket socket = bridge.kit.connect(credential, bridge.port)) {
        frame(socket, new JsonObject().put("type", "ping"));
        read(socket);
      }
    });
  }
}
