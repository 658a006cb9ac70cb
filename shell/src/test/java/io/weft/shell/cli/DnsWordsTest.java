package io.weft.shell.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.weft.docker.engine.DockerClients;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The DNS verbs' words on the command line: Weave's -h NAME is theirs, help is --help. */
class DnsWordsTest {

  @BeforeEach
  void noEngine() {
    System.setProperty(DockerClients.HOST_PROPERTY, "tcp://127.0.0.1:1"); // nothing listens there
  }

  @AfterEach
  void clear() {
    System.clearProperty(DockerClients.HOST_PROPERTY);
  }

  @Test
  void minusHNamesTheRecordAndTheCommandGoesToTheHost() {
    CapturedRun run = CapturedRun.of("dns-add", "10.32.5.5", "-h", "db");
    assertEquals(1, run.exitCode(), run.err());
    assertTrue(run.failedWithOneLine("cannot reach the Docker engine"), run.err());
  }

  @Test
  void helpIsStillThere() {
    CapturedRun run = CapturedRun.of("dns-add", "--help");
    assertEquals(0, run.exitCode());
    assertTrue(run.out().contains("weft dns-add [--json] IP... -h NAME"), run.out());
  }

  @Test
  void aBadNameOrAnAddressThatIsNotOneIsAUsageErrorBeforeAnythingIsAsked() {
    CapturedRun badName = CapturedRun.of("dns-add", "10.32.5.5", "-h", "no good");
    assertEquals(2, badName.exitCode());
    assertTrue(badName.failedWithOneLine("'no good' is not a DNS name"), badName.err());
    CapturedRun badAddress = CapturedRun.of("dns-remove", "10.32.5", "-h", "db");
    assertEquals(2, badAddress.exitCode());
    assertTrue(badAddress.failedWithOneLine("'10.32.5' is not an IPv4 address"), badAddress.err());
  }

  @Test
  void launchRefusesADomainOfOneLabel() {
    CapturedRun run = CapturedRun.of("launch", "--dns-domain", "local");
    assertEquals(2, run.exitCode());
    assertTrue(run.failedWithOneLine("'local' is not a domain of two labels or more"), run.err());
  }
}
