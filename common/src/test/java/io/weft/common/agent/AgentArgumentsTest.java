package io.weft.common.agent;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.weft.common.ErrorCode;
import io.weft.common.WeftException;
import io.weft.common.alloc.AddressRange;
import io.weft.common.net.Ipv4;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

class AgentArgumentsTest {

  @Test
  void withoutArgumentsEverythingIsDefaultOrLeftForTheHost() {
    AgentArguments o = AgentArguments.parse(List.of());
    assertNull(o.name());
    assertNull(o.advertise());
    assertEquals(List.of(), o.peers());
    assertEquals(AddressRange.DEFAULT, o.range());
    assertEquals(Path.of("/var/lib/weft"), o.stateDir());
    assertEquals("weft.local", o.dnsDomain());
  }

  @Test
  void everyOptionIsRead() {
    AgentArguments o = AgentArguments.parse(List.of("--name", "h1", "--advertise", "172.29.0.11",
        "--peer", "172.29.0.12", "--peer", "host3", "--range", "10.40.0.0/16", "--state-dir", "/tmp/w",
        "--dns-domain", "Corp.Example"));
    assertEquals("corp.example", o.dnsDomain());
    assertEquals("h1", o.name());
    assertEquals(Ipv4.parse("172.29.0.11"), o.advertise());
    assertEquals(List.of("172.29.0.12", "host3"), o.peers());
    assertEquals(AddressRange.parse("10.40.0.0/16"), o.range());
    assertEquals(Path.of("/tmp/w"), o.stateDir());
  }

  @Test
  void launchWritesWhatTheAgentReadsBack() {
    AgentArguments launch = AgentArguments.forLaunch(List.of("172.29.0.12", "host3"),
        AddressRange.parse("10.40.0.0/16"), "h1");
    assertEquals(List.of("--peer", "172.29.0.12", "--peer", "host3", "--range", "10.40.0.0/16",
        "--name", "h1"), launch.toArgs());
    assertEquals(launch, AgentArguments.parse(launch.toArgs()));
    assertEquals(List.of(), AgentArguments.forLaunch(List.of(), null, null).toArgs());
    AgentArguments domain = AgentArguments.forLaunch(List.of(), null, null, "corp.example");
    assertEquals(List.of("--dns-domain", "corp.example"), domain.toArgs());
    assertEquals(domain, AgentArguments.parse(domain.toArgs()));
  }

  @Test
  void defaultsFillOnlyWhatWasNotGiven() {
    AgentArguments o = AgentArguments.parse(List.of("--name", "given"))
        .withDefaults("engine", Ipv4.parse("10.0.0.1"));
    assertEquals("given", o.name());
    assertEquals(Ipv4.parse("10.0.0.1"), o.advertise());
  }

  @Test
  void badArgumentsAreNamed() {
    assertRefused(List.of("--peer"), "--peer needs a value");
    assertRefused(List.of("--peer", "--name", "x"), "--peer needs a value");
    assertRefused(List.of("--colour", "red"), "unknown option '--colour'");
    assertRefused(List.of("stray"), "unexpected 'stray'");
    assertRefused(List.of("--peer", "a/b"), "is not a peer");
    assertRefused(List.of("--name", "-x y"), "is not a host name");
    WeftException range = assertThrows(WeftException.class,
        () -> AgentArguments.parse(List.of("--range", "10.0.0.0/31")));
    assertEquals(ErrorCode.BAD_CIDR, range.code());
    WeftException domain = assertThrows(WeftException.class,
        () -> AgentArguments.parse(List.of("--dns-domain", "local")));
    assertEquals(ErrorCode.BAD_NAME, domain.code());
  }

  private static void assertRefused(List<String> args, String text) {
    WeftException e = assertThrows(WeftException.class, () -> AgentArguments.parse(args));
    assertEquals(ErrorCode.BAD_REQUEST, e.code());
    assertTrue(e.getMessage().contains(text), e.getMessage());
  }
}
