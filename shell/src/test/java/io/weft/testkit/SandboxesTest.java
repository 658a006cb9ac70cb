package io.weft.testkit;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Disabled;
import org.junit.jupiter.api.Test;

class SandboxesTest {

  @WholeSandbox(hosts = 3)
  static class Whole {}

  @Disabled("not run")
  @WholeSandbox(hosts = 3)
  static class WholeButDisabled {}

  @OwnHosts(hosts = 2)
  static class OwnTwo {}

  @OwnHosts(hosts = 3)
  static class OwnThree {}

  @SharedFleet
  static class Shares {}

  @Test
  void theRunsSandboxHoldsTheSharedFleetAndEveryClasssOwnHosts() {
    Sandboxes.plan(List.of(Whole.class, WholeButDisabled.class, OwnTwo.class, OwnThree.class, Shares.class));
    assertEquals(Sandboxes.SHARED_HOSTS + 2 + 3, Sandboxes.runSandboxSize());
    assertEquals(1, Sandboxes.wholeClassesLeft(), "a disabled class is not waited for");
  }

  @Test
  void withoutAClassThatSharesTheFleetNoHostIsKeptForIt() {
    Sandboxes.plan(List.of(OwnThree.class));
    assertEquals(3, Sandboxes.runSandboxSize());
    assertEquals(0, Sandboxes.wholeClassesLeft());
  }
}
