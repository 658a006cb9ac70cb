package io.weft.shell.sandbox;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class ThawTest {

  @Test
  void aFreezerGroupOfCgroupV1IsThawedThroughItsState() {
    assertArrayEquals(new String[] {"/sys/fs/cgroup/freezer/docker/abc/freezer.state", "THAWED"},
        Thaw.thawControl("5:freezer:/docker/abc").orElseThrow());
  }

  @Test
  void theRootGroupOtherControllersAndPathsClimbingOutAreLeftAlone() {
    assertTrue(Thaw.thawControl("5:freezer:/").isEmpty());
    assertTrue(Thaw.thawControl("7:blkio:/docker/abc").isEmpty());
    assertTrue(Thaw.thawControl("5:freezer:/docker/../../etc").isEmpty());
    assertTrue(Thaw.thawControl("not a cgroup line").isEmpty());
  }

  @Test
  void aGroupOfTheUnifiedHierarchyIsThawedThroughCgroupFreeze() {
    String[] control = Thaw.thawControl("0::/system.slice/docker-abc.scope").orElseThrow();
    assertTrue(control[0].endsWith("/system.slice/docker-abc.scope/cgroup.freeze"), control[0]);
    assertArrayEquals(new String[] {"0"}, new String[] {control[1]});
  }
}
