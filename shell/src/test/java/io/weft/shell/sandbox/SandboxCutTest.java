package io.weft.shell.sandbox;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class SandboxCutTest {

  private final List<SandboxHost> five = IntStream.rangeClosed(1, 5)
      .mapToObj(i -> new SandboxHost(i, Path.of("/state"))).toList();

  @Test
  void theNamedHostsFormOneSideAndTheRestTheOther() {
    SandboxCut cut = SandboxCut.parse("host2,host3", five);
    assertEquals(List.of("host2", "host3"), SandboxCut.names(cut.named()));
    assertEquals(List.of("host1", "host4", "host5"), SandboxCut.names(cut.rest()));
    assertEquals("host2 host3 | host1 host4 host5", cut.describe());
  }

  @Test
  void hostsOnOneSideStayTogetherAndAreSeparatedFromTheOtherBothWays() {
    SandboxCut cut = SandboxCut.parse("host2,host3", five);
    assertFalse(cut.separates(host(2), host(3)));
    assertFalse(cut.separates(host(1), host(5)));
    assertTrue(cut.separates(host(1), host(2)));
    assertTrue(cut.separates(host(3), host(4)));
  }

  @Test
  void orderRepeatsAndSpacesDoNotMatter() {
    assertEquals(SandboxCut.parse("host2,host3", five),
        SandboxCut.parse("host3, host2,host3", five));
  }

  @Test
  void aSingleHostCanBeCutOff() {
    SandboxCut cut = SandboxCut.parse("host5", five);
    assertEquals(List.of("host5"), SandboxCut.names(cut.named()));
    assertEquals(4, cut.rest().size());
  }

  @Test
  void aPairCutSeparatesItsTwoHostsAloneAndEachStillReachesTheOthers() {
    SandboxCut cut = SandboxCut.parse("host3/host1", five);
    assertEquals("host1/host3", cut.describe());
    assertTrue(cut.separates(host(1), host(3)));
    assertTrue(cut.separates(host(3), host(1)));
    assertFalse(cut.separates(host(1), host(2)));
    assertFalse(cut.separates(host(2), host(3)));
    assertTrue(cut.isNamed(host(3)));
    assertFalse(cut.isNamed(host(2)));
    assertEquals("host1/host3 host2/host5",
        SandboxCut.parse("host2/host5,host1/host3, host3/host1", five).describe());
  }

  @Test
  void aPairOfOneHostOrHalfAPairIsRefused() {
    assertRefused("host1/host1", "a pair to cut is two hosts, not host1/host1");
    assertRefused("host1/", "name the pairs to cut as NAME/NAME");
    assertRefused("host1/host2/host3", "name the pairs to cut as NAME/NAME");
    assertRefused("host1/host9", "no sandbox host named 'host9'");
  }

  @Test
  void anUnknownHostIsRefusedByName() {
    assertRefused("host2,host9",
        "no sandbox host named 'host9' (hosts: host1 host2 host3 host4 host5)");
  }

  @Test
  void cuttingEveryHostIsRefused() {
    assertRefused("host1,host2,host3,host4,host5", "cannot cut every host off");
  }

  @Test
  void cuttingNoHostIsRefused() {
    assertRefused("", "name the hosts to cut off as NAME[,NAME...]");
    assertRefused("host2,", "not 'host2,'");
    assertRefused(" , ", "name the hosts to cut off");
  }

  @Test
  void withoutASandboxTheCutSaysSo() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> SandboxCut.parse("host1", List.of()));
    assertEquals(Sandbox.NONE_UP, e.getMessage());
  }

  private void assertRefused(String names, String text) {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> SandboxCut.parse(names, five));
    assertTrue(e.getMessage().contains(text), e.getMessage());
    assertFalse(e.getMessage().contains("\n"), "one line: " + e.getMessage());
  }

  private SandboxHost host(int index) {
    return five.get(index - 1);
  }
}
