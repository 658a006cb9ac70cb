package io.weft.shell.fleet;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.vertx.core.json.JsonObject;
import io.weft.shell.cli.CapturedRun;
import io.weft.shell.cli.PasswordFiles;
import io.weft.shell.sandbox.Sandbox;
import io.weft.shell.sandbox.SandboxHosts;
import java.time.Duration;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Two fleets launched apart become one when one of them is told of the other with connect. */
class ConnectIT {

  private static Sandbox sandbox;

  @BeforeAll
  static void up() {
    sandbox = SandboxHosts.up(2);
  }

  @AfterAll
  static void down() {
    SandboxHosts.down(sandbox);
  }

  @Test
  void connectJoinsTwoFleetsIntoOne() {
    assertEquals(0, OnHost.weft(sandbox, "host1", "launch").exitCode());
    // two fleets founded apart that may become one: they share the password
    String password = PasswordFiles.ofAgentOn(sandbox.host("host1").dockerHost()).toString();
    assertEquals(0, OnHost.weft(sandbox, "host2", "launch", "--password-file", password).exitCode());
    assertEquals(Set.of("host1"), peerNames("host1"));
    assertEquals(Set.of("host2"), peerNames("host2"));

    CapturedRun connect = OnHost.weft(sandbox, "host2", "connect", sandbox.host("host1").address());
    assertEquals(0, connect.exitCode(), connect.err());

    Duration took = Await.until("one fleet of two", Duration.ofSeconds(40),
        () -> peerNames("host1").equals(Set.of("host1", "host2"))
            && peerNames("host2").equals(Set.of("host1", "host2")));
    System.out.println("two fleets merged " + took.toMillis() + " ms after connect");
  }

  private static Set<String> peerNames(String host) {
    CapturedRun run = OnHost.weft(sandbox, host, "peers", "--json");
    Set<String> names = new TreeSet<>();
    if (run.exitCode() == 0) {
      new JsonObject(run.out()).getJsonArray("peers")
          .forEach(p -> names.add(((JsonObject) p).getString("name")));
    }
    return names;
  }
}
