package io.weft.agent.bridge;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.weft.agent.UnitLocks;
import io.weft.agent.tls.ClientCredentials;
import io.weft.agent.tls.FleetCertificates;
import io.weft.agent.tls.FleetTls;
import io.weft.agent.tls.KeyDerivation;
import io.weft.common.ErrorCode;
import io.weft.common.WeftException;
import io.weft.common.bus.BridgeContract;
import java.net.InetAddress;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.api.parallel.ResourceLock;

/**
 * The fleet's record of bridge credentials, on maps shared in memory as the fleet's are: what one
 * host revokes, every host refuses at once; a host that joins later refuses it from its start; a
 * host that restarts, alone or with the whole fleet, refuses it from its own copy and enters it
 * again. And what the API asks of it: credentials read-only and short-lived unless asked, strict
 * requests, a revoked name's next credential good.
 */
@ResourceLock(UnitLocks.BOUNDED_CRYPTO)
class CredentialRegisterTest {

  private static FleetCertificates clients;
  private static ClientCredentials signer;
  @TempDir
  Path dir;

  @BeforeAll
  static void keys() throws Exception {
    KeyDerivation kdf = KeyDerivation.fromPassword("pw".toCharArray(), 1000);
    FleetCertificates fleet = FleetCertificates.derive(kdf);
    clients = FleetCertificates.deriveClients(kdf);
    signer = new ClientCredentials(clients, new FleetTls(fleet.issue("host1",
        List.of(InetAddress.getByName("127.0.0.1")))));
  }

  /** One host's register and its API's side, on the fleet's maps. */
  private record Host(CredentialRegister register, BridgeCredentials api) {
    Revocations revocations() {
      return register.revocations();
    }
  }

  private Host host(String name, SharedMap issued, SharedMap revoked) {
    CredentialRegister register = new CredentialRegister(issued, revoked,
        dir.resolve(name + "/credentials.json"), new Revocations(), Runnable::run);
    register.start();
    return new Host(register, new BridgeCredentials(signer, register, name));
  }

  @Test
  void whatOneHostRevokesEveryHostRefusesIncludingOneThatJoinsLater() throws Exception {
    SharedMap issued = SharedMap.inMemory();
    SharedMap revoked = SharedMap.inMemory();
    Host host1 = host("host1", issued, revoked);
    Host host2 = host("host2", issued, revoked);
    JsonObject signed = host1.api().sign(request("ci"));
    String serial = signed.getString("serial");
    assertEquals(1, host2.register().issued().size(), "host2 lists what host1 issued");

    host2.api().revoke(new JsonObject().put("serial", serial));
    assertNotNull(host1.revocations().refusal("ci", serial, Instant.EPOCH), "host1 refuses it at once");

    Host host3 = host("host3", issued, revoked);
    assertNotNull(host3.revocations().refusal("ci", serial, Instant.EPOCH), "a host that joins later refuses it");
    JsonObject list = host3.api().list();
    assertTrue(list.getJsonArray("credentials").getJsonObject(0).getString("revoked").contains(serial), list.encode());
  }

  @Test
  void aHostThatRestartsRefusesWhatItKnewAndEntersItAgain() {
    SharedMap issued = SharedMap.inMemory();
    SharedMap revoked = SharedMap.inMemory();
    Host host1 = host("host1", issued, revoked);
    host1.api().revoke(new JsonObject().put("name", "leaked"));
    // the whole fleet restarts: maps empty, each host with its state volume
    SharedMap freshIssued = SharedMap.inMemory();
    SharedMap freshRevoked = SharedMap.inMemory();
    Host again = host("host1", freshIssued, freshRevoked);
    assertNotNull(again.revocations().refusal("leaked", "abc", Instant.EPOCH));
    assertEquals(1, freshRevoked.values().size(), "entered in the fleet's map again");
    Host other = host("host2", freshIssued, freshRevoked);
    assertNotNull(other.revocations().refusal("leaked", "abc", Instant.EPOCH));
  }

  @Test
  void twoSidesOfASplitEachKeepTheirRevocationsAndBothHaveAllOnceHealed() {
    SharedMap issued = SharedMap.inMemory();
    SharedMap revoked = SharedMap.inMemory();
    Switched bIssued = new Switched(SharedMap.inMemory());
    Switched bRevoked = new Switched(SharedMap.inMemory());
    Host a = host("hostA", issued, revoked);
    Host b = host("hostB", bIssued, bRevoked);
    a.api().revoke(new JsonObject().put("name", "one"));
    b.api().revoke(new JsonObject().put("name", "two"));
    assertNull(a.revocations().refusal("two", "x", Instant.EPOCH), "apart, each side knows its own");
    // healed: B's side merges into A's, its copies of the maps dropped; B enters its own again
    bIssued.to(issued);
    bRevoked.to(revoked);
    b.register().republish();
    assertNotNull(a.revocations().refusal("two", "x", Instant.EPOCH));
    assertNotNull(b.revocations().refusal("one", "x", Instant.EPOCH));
    Host c = host("hostC", issued, revoked);
    assertNotNull(c.revocations().refusal("one", "x", Instant.EPOCH));
    assertNotNull(c.revocations().refusal("two", "x", Instant.EPOCH));
  }

  /** A side of a split: its map until it merges into another side's. */
  private static class Switched implements SharedMap {
    private SharedMap to;
    private final List<java.util.function.BiConsumer<String, String>> listeners = new java.util.ArrayList<>();

    Switched(SharedMap to) {
      this.to = to;
    }

    void to(SharedMap merged) {
      to = merged;
      listeners.forEach(merged::onChange); // Hazelcast keeps a member's listeners over a merge
    }

    @Override
    public String get(String key) {
      return to.get(key);
    }

    @Override
    public void put(String key, String value) {
      to.put(key, value);
    }

    @Override
    public java.util.Collection<String> values() {
      return to.values();
    }

    @Override
    public void onChange(java.util.function.BiConsumer<String, String> listener) {
      listeners.add(listener);
      to.onChange(listener);
    }
  }

  @Test
  void theBridgeWaitsForMapsThatDoNotAnswerYetAndTheRestGoesOn() throws Exception {
    SharedMap slow = new Switched(SharedMap.inMemory()) {
      private int tries;

      @Override
      public java.util.Collection<String> values() {
        if (tries++ < 2) {
          throw new IllegalStateException("a partition is still migrating");
        }
        return super.values();
      }
    };
    java.util.concurrent.ExecutorService thread = java.util.concurrent.Executors.newSingleThreadExecutor();
    try {
      CredentialRegister register = new CredentialRegister(SharedMap.inMemory(), slow,
          dir.resolve("slow/credentials.json"), new Revocations(), thread).retryEvery(10);
      java.util.concurrent.CountDownLatch ready = new java.util.concurrent.CountDownLatch(1);
      register.startThen(ready::countDown);
      assertTrue(ready.await(10, java.util.concurrent.TimeUnit.SECONDS), "the bridge was never let serve");
    } finally {
      thread.shutdownNow();
    }
  }

  @Test
  void aCredentialReadsOnlyAndLivesAWeekUnlessItAsks() throws Exception {
    Host host1 = host("host1", SharedMap.inMemory(), SharedMap.inMemory());
    JsonObject signed = host1.api().sign(request("monitor"));
    Instant notAfter = Instant.parse(signed.getString("notAfter"));
    Duration life = Duration.between(Instant.now(), notAfter);
    assertTrue(life.compareTo(Duration.ofDays(BridgeContract.DEFAULT_DAYS)) <= 0
        && life.compareTo(Duration.ofDays(BridgeContract.DEFAULT_DAYS).minusMinutes(1)) > 0, life.toString());
    assertTrue(signed.getString("certificate").contains("BEGIN CERTIFICATE"));
    assertTrue(host1.register().issued().get(0).readOnly());

    JsonObject full = host1.api().sign(request("deploy").put("readOnly", false).put("days", 90));
    assertEquals(false, host1.register().issued().stream()
        .filter(c -> c.serial().equals(full.getString("serial"))).findFirst().orElseThrow().readOnly());
    assertBad(() -> host1.api().sign(request("long").put("days", 91)));
    assertBad(() -> host1.api().sign(request("odd").put("pad", "x")));
    assertBad(() -> host1.api().sign(request("odd").put("readOnly", "no")));
    assertBad(() -> host1.api().sign(request("bad name!")));
    assertBad(() -> host1.api().revoke(new JsonObject().put("name", "a").put("serial", "b")));
    assertBad(() -> host1.api().revoke(new JsonObject()));
    assertBad(() -> host1.api().revoke(new JsonObject().put("serial", "not hex")));
  }

  @Test
  void aRevokedNamesNextCredentialIsGood() throws Exception {
    Host host1 = host("host1", SharedMap.inMemory(), SharedMap.inMemory());
    JsonObject before = host1.api().sign(request("deploy"));
    JsonObject done = host1.api().revoke(new JsonObject().put("name", "deploy"));
    assertEquals(new JsonArray().add(before.getString("serial")), new JsonArray(done.getJsonArray("credentials")
        .stream().map(c -> ((JsonObject) c).getString("serial")).toList()));
    JsonObject after = host1.api().sign(request("deploy"));
    IssuedCredential next = host1.register().issued().stream()
        .filter(c -> c.serial().equals(after.getString("serial"))).findFirst().orElseThrow();
    assertNull(host1.revocations().refusal(next.name(), next.serial(), next.notBefore()));
    assertNotNull(host1.revocations().refusal("deploy", before.getString("serial"), Instant.now().minusSeconds(3600)));
  }

  private static JsonObject request(String name) throws Exception {
    return new JsonObject().put("name", name).put("publicKey",
        Base64.getEncoder().encodeToString(BridgeKit.newKey().getPublic().getEncoded()));
  }

  private static void assertBad(org.junit.jupiter.api.function.Executable call) {
    WeftException e = assertThrows(WeftException.class, call);
    assertEquals(ErrorCode.BAD_REQUEST, e.code(), e.getMessage());
  }
}
