package io.weft.shell.fleet;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.weft.shell.cli.CapturedRun;
import io.weft.shell.cli.PasswordFiles;
import io.weft.testkit.Await;
import io.weft.testkit.Fleet;
import io.weft.testkit.FleetHost;
import io.weft.testkit.OwnHosts;
import java.time.Duration;
import java.util.Set;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.parallel.Execution;
import org.junit.jupiter.api.parallel.ExecutionMode;
import org.junit.jupiter.api.parallel.ResourceLock;

/** Two fleets launched apart become one when one of them is told of the other with connect. */
@OwnHosts(hosts = 2)
@Execution(ExecutionMode.CONCURRENT)
@ResourceLock(OwnHosts.LOCK)
class ConnectIT {

  private static FleetHost first;
  private static FleetHost second;

  @BeforeAll
  static void hosts(Fleet own) {
    first = own.host(0);
    second = own.host(1);
  }

  @Test
  void connectJoinsTwoFleetsIntoOne() {
    assertEquals(0, first.weft("launch").exitCode());
    // two fleets founded apart that may become one: they share the password
    String password = PasswordFiles.ofAgentOn(first.dockerHost()).toString();
    assertEquals(0, second.weft("launch", "--password-file", password).exitCode());
    assertEquals(Set.of(first.name()), first.peerNames());
    assertEquals(Set.of(second.name()), second.peerNames());

    CapturedRun connect = second.weft("connect", first.address());
    assertEquals(0, connect.exitCode(), connect.err());

    Set<String> both = Set.of(first.name(), second.name());
    Duration took = Await.until("one fleet of two", Duration.ofSeconds(40),
        () -> first.peerNames().equals(both) && second.peerNames().equals(both));
    System.out.println("two fleets merged " + took.toMillis() + " ms after connect");
  }
}
