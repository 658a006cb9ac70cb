package io.weft.agent.tls;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.Vertx;
import io.vertx.core.net.NetServer;
import io.weft.agent.UnitLocks;
import io.weft.common.ErrorCode;
import io.weft.common.WeftException;
import io.weft.common.agent.FleetPassword;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.api.parallel.ResourceLock;

/**
 * How a starting host comes by its fleet's salt and keys, against real TLS servers that hold the
 * identities of agents (this fleet's, another fleet's, a fleet of the first scheme's) on
 * loopback addresses of their own, all on one port as the fleet's hosts are.
 */
@ResourceLock(UnitLocks.BOUNDED_CRYPTO)
class KeyResolutionTest {

  private static final FleetPassword PASSWORD = FleetPassword.of("correct horse battery staple");
  private static final DerivationCost CHEAP = DerivationCost.CHEAP;
  private static Vertx vertx;
  private static int port;

  @BeforeAll
  static void start() throws Exception {
    vertx = Vertx.vertx();
    try (ServerSocket s = new ServerSocket(0)) {
      port = s.getLocalPort();
    }
  }

  @AfterAll
  static void stop() throws Exception {
    vertx.close().await(5, TimeUnit.SECONDS);
  }

  private final List<String> said = new ArrayList<>();
  private int derivations;

  private KeyResolution resolution(Path state, FleetPassword password) {
    return new KeyResolution(state, password, CHEAP, (p, s, c) -> {
      derivations++;
      return new IsolatedDerivation.Outcome(KeyDerivation.derive(p, s, c), 1, -1);
    }, new SaltProbe(List.of(port), 500, 2000), said::add);
  }

  /** An agent of the fleet {@code password} and {@code salt} make, serving TLS on {@code address}. */
  private static NetServer host(String address, FleetPassword password, FleetSalt salt) throws Exception {
    FleetCertificates fleet = FleetCertificates.derive(KeyDerivation.derive(password, salt, CHEAP), salt);
    FleetTls tls = new FleetTls(fleet.issue("peer", List.of(InetAddress.getByName(address))));
    NetServer server = vertx.createNetServer(tls.server(address, port));
    server.connectHandler(socket -> socket.write("secret"));
    return server.listen().await(5, TimeUnit.SECONDS);
  }

  private static String fingerprint(KeyResolution.Resolved resolved) {
    return FleetCertificates.derive(resolved.keys(), resolved.salt()).fingerprint();
  }

  @Test
  void aFounderMakesASaltOfItsOwnAndARestartKeepsItWithoutDerivingAgain(@TempDir Path state) {
    KeyResolution.Resolved founded = resolution(state, PASSWORD).resolve(List.of(), true, true);
    assertEquals(FleetSalt.Scheme.ARGON2ID_V2, founded.salt().scheme());
    assertFalse(founded.salt().alone());
    assertEquals(1, derivations);
    String fingerprint = fingerprint(founded);

    KeyResolution.Resolved restarted = resolution(state, PASSWORD).resolve(List.of("127.0.0.1"), false, false);
    assertEquals(founded.salt(), restarted.salt());
    assertEquals(fingerprint, fingerprint(restarted));
    assertEquals(1, derivations, "the kept keys, no second derivation");
    assertNotEquals(founded.salt(), resolution(state.resolve("other"), PASSWORD).resolve(List.of(), true, true).salt(),
        "another fleet, another salt");
  }

  @Test
  void aJoiningHostLearnsTheSaltFromACandidateAndChecksItBeforeTakingIt(@TempDir Path state) throws Exception {
    FleetSalt salt = FleetSalt.generate();
    NetServer stranger = host("127.79.0.1", FleetPassword.of("another fleet's"), FleetSalt.generate());
    NetServer member = host("127.79.0.2", PASSWORD, salt);
    try {
      KeyResolution.Resolved joined = resolution(state, PASSWORD)
          .resolve(List.of("127.79.0.9", "127.79.0.1", "127.79.0.2"), true, true);
      assertEquals(salt, joined.salt());
      assertEquals(FleetCertificates.derive(KeyDerivation.derive(PASSWORD, salt, CHEAP), salt).fingerprint(),
          fingerprint(joined));
      assertEquals(2, derivations, "the stranger's salt, then the member's");
      assertTrue(said.contains("learned the fleet's salt from 127.79.0.2: " + salt), said.toString());
      assertEquals(salt, KeyResolution.keptSalt(state).orElseThrow());
    } finally {
      stranger.close().await(5, TimeUnit.SECONDS);
      member.close().await(5, TimeUnit.SECONDS);
    }
  }

  @Test
  void aNewHostWithAnotherPasswordIsRefusedAndKeepsNoSalt(@TempDir Path state) throws Exception {
    NetServer member = host("127.79.0.3", PASSWORD, FleetSalt.generate());
    try {
      WeftException refused = assertThrows(WeftException.class,
          () -> resolution(state, FleetPassword.of("a wrong password")).resolve(List.of("127.79.0.3"), true, true));
      assertEquals(ErrorCode.FLEET_REFUSED, refused.code());
      assertEquals("the fleet at 127.79.0.3 refused this host: it was launched with another fleet "
          + "password than that fleet's", refused.getMessage());
      assertTrue(KeyResolution.keptSalt(state).isEmpty());
    } finally {
      member.close().await(5, TimeUnit.SECONDS);
    }
  }

  @Test
  void aHostJoiningAFleetOfTheFirstSchemeDerivesAsItDoesAndIsWarned(@TempDir Path state) throws Exception {
    NetServer old = host("127.79.0.4", PASSWORD, FleetSalt.firstScheme());
    try {
      KeyResolution.Resolved joined = resolution(state, PASSWORD).resolve(List.of("127.79.0.4"), true, true);
      assertEquals(FleetSalt.firstScheme(), joined.salt());
      assertEquals(FleetCertificates.derive(KeyDerivation.fromPassword(PASSWORD.reveal().toCharArray(), 1000)).fingerprint(),
          fingerprint(joined));
      assertTrue(said.stream().anyMatch(l -> l.startsWith("warning: this fleet's keys come from the first scheme")), said.toString());
    } finally {
      old.close().await(5, TimeUnit.SECONDS);
    }
  }

  @Test
  void aHostThatRanBeforeSaltsKeepsItsFirstSchemeKeysWithoutAsking(@TempDir Path state) {
    KeyCache.keep(KeyDerivation.fromPassword(PASSWORD.reveal().toCharArray(), 1000), PASSWORD,
        FleetSalt.firstScheme(), CHEAP, state);
    KeyResolution.Resolved restarted = resolution(state, PASSWORD).resolve(List.of("127.79.0.9"), false, false);
    assertEquals(FleetSalt.firstScheme(), restarted.salt());
    assertEquals(0, derivations);
    assertTrue(said.stream().anyMatch(l -> l.startsWith("warning: this fleet's keys come from the first scheme")), said.toString());
  }

  @Test
  void aNewHostWhoseCandidatesDoNotAnswerFoundsAloneAndSaysSo(@TempDir Path state) throws Exception {
    KeyResolution.Resolved alone = resolution(state, PASSWORD).resolve(List.of("127.79.0.9"), true, true);
    assertEquals(FleetSalt.Scheme.ARGON2ID_V2, alone.salt().scheme());
    assertTrue(alone.salt().alone());
    assertEquals(alone.salt(), KeyResolution.keptSalt(state).orElseThrow());
    assertTrue(said.get(0).startsWith("none of 127.79.0.9 answered: founding a fleet alone"), said.toString());
    assertTrue(Files.exists(state.resolve(KeyCache.FILE)));
  }

  @Test
  void aHostThatFoundedAloneTakesTheSaltOfTheFleetItWasSentToJoinOnceItAnswers(@TempDir Path state) throws Exception {
    FleetSalt own = resolution(state, PASSWORD).resolve(List.of("127.79.0.5"), true, true).salt();
    // the fleet it was sent to join, founded with no candidates, whatever its salt
    FleetSalt theirs = new FleetSalt(FleetSalt.Scheme.ARGON2ID_V2, "f".repeat(32), false);
    NetServer member = host("127.79.0.5", PASSWORD, theirs);
    try {
      KeyResolution later = resolution(state, PASSWORD);
      assertEquals(java.util.Optional.of(theirs), later.adoptFrom(List.of("127.79.0.5"), own));
      assertEquals(theirs, KeyResolution.keptSalt(state).orElseThrow());
      int before = derivations;
      KeyResolution.Resolved restarted = resolution(state, PASSWORD).resolve(List.of("127.79.0.5"), false, false);
      assertEquals(theirs, restarted.salt());
      assertEquals(before, derivations, "the keys were kept when the salt was taken");
    } finally {
      member.close().await(5, TimeUnit.SECONDS);
    }
  }

  @Test
  void twoHostsThatFoundedAloneAgreeOnTheLowerSalt(@TempDir Path state) throws Exception {
    FleetSalt low = new FleetSalt(FleetSalt.Scheme.ARGON2ID_V2, "0".repeat(32), true);
    FleetSalt high = new FleetSalt(FleetSalt.Scheme.ARGON2ID_V2, "e".repeat(32), true);
    NetServer lowHost = host("127.79.0.6", PASSWORD, low);
    NetServer highHost = host("127.79.0.7", PASSWORD, high);
    try {
      KeyResolution.keepSalt(state, low);
      assertEquals(java.util.Optional.empty(), resolution(state, PASSWORD).adoptFrom(List.of("127.79.0.7"), low));
      KeyResolution.keepSalt(state, high);
      assertEquals(java.util.Optional.of(low), resolution(state, PASSWORD).adoptFrom(List.of("127.79.0.6"), high));
    } finally {
      lowHost.close().await(5, TimeUnit.SECONDS);
      highHost.close().await(5, TimeUnit.SECONDS);
    }
  }

  @Test
  void aHostThatFoundedAloneNeverTakesAnotherPasswordsFleetNorDerivesForItTwice(@TempDir Path state) throws Exception {
    FleetSalt own = resolution(state, PASSWORD).resolve(List.of("127.79.0.8"), true, true).salt();
    NetServer stranger = host("127.79.0.8", FleetPassword.of("another fleet's"), FleetSalt.generate());
    try {
      KeyResolution later = resolution(state, PASSWORD);
      int before = derivations;
      assertEquals(java.util.Optional.empty(), later.adoptFrom(List.of("127.79.0.8"), own));
      assertEquals(java.util.Optional.empty(), later.adoptFrom(List.of("127.79.0.8"), own));
      assertEquals(before + 1, derivations);
      assertEquals(own, KeyResolution.keptSalt(state).orElseThrow());
    } finally {
      stranger.close().await(5, TimeUnit.SECONDS);
    }
  }

  @Test
  void aHostOfTheFirstSchemeFollowsTheFleetOnceOneOfItsHostsHasASaltOfItsOwn(@TempDir Path state) throws Exception {
    KeyCache.keep(KeyDerivation.fromPassword(PASSWORD.reveal().toCharArray(), 1000), PASSWORD,
        FleetSalt.firstScheme(), CHEAP, state);
    FleetSalt own = resolution(state, PASSWORD).resolve(List.of("127.79.0.10"), false, false).salt();
    assertEquals(FleetSalt.firstScheme(), own);
    FleetSalt upgraded = FleetSalt.generate();
    NetServer moved = host("127.79.0.10", PASSWORD, upgraded);
    NetServer founderAlone = host("127.79.0.11", PASSWORD, FleetSalt.generate(true));
    try {
      assertEquals(java.util.Optional.empty(), resolution(state, PASSWORD).adoptFrom(List.of("127.79.0.11"), own),
          "not a host that founded alone");
      assertEquals(java.util.Optional.of(upgraded),
          resolution(state, PASSWORD).adoptFrom(List.of("127.79.0.11", "127.79.0.10"), own));
      assertEquals(upgraded, resolution(state, PASSWORD).resolve(List.of(), false, false).salt());
    } finally {
      moved.close().await(5, TimeUnit.SECONDS);
      founderAlone.close().await(5, TimeUnit.SECONDS);
    }
  }

  @Test
  void aNewHostJoinsItsCandidatesFleetWhateverSaltItKeptFromAnEarlierLaunch(@TempDir Path state) throws Exception {
    // an earlier launch of this host founded alone (its peer did not answer), then its record went
    FleetSalt earlier = resolution(state, PASSWORD).resolve(List.of("127.79.0.12"), true, true).salt();
    assertTrue(earlier.alone());
    FleetSalt theirs = FleetSalt.generate();
    NetServer member = host("127.79.0.12", PASSWORD, theirs);
    try {
      assertEquals(theirs, resolution(state, PASSWORD).resolve(List.of("127.79.0.12"), true, true).salt());
      assertEquals(theirs, KeyResolution.keptSalt(state).orElseThrow());
      // and a host of a fleet of its own keeps it, whatever its candidates say
      FleetSalt own = FleetSalt.generate();
      KeyResolution.keepSalt(state, own);
      assertEquals(own, resolution(state, PASSWORD).resolve(List.of("127.79.0.12"), false, false).salt());
    } finally {
      member.close().await(5, TimeUnit.SECONDS);
    }
  }

  @Test
  void aFleetOfOneConnectedToAnotherFleetOfItsPasswordTakesItsSaltAsItRestarts(@TempDir Path state) throws Exception {
    FleetSalt own = resolution(state, PASSWORD).resolve(List.of(), true, true).salt();
    FleetSalt theirs = FleetSalt.generate();
    NetServer member = host("127.79.0.13", PASSWORD, theirs);
    NetServer stranger = host("127.79.0.14", FleetPassword.of("another fleet's"), FleetSalt.generate());
    try {
      // weft connect: the peer is a candidate now, and this host never had another member
      assertEquals(own, resolution(state, PASSWORD).resolve(List.of("127.79.0.14"), false, true).salt(),
          "another password's fleet is not taken, nor refused");
      assertEquals(theirs, resolution(state, PASSWORD).resolve(List.of("127.79.0.13"), false, true).salt());
      assertEquals(theirs, KeyResolution.keptSalt(state).orElseThrow());
    } finally {
      member.close().await(5, TimeUnit.SECONDS);
      stranger.close().await(5, TimeUnit.SECONDS);
    }
  }
}
