package io.weft.agent;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.weft.agent.alloc.FleetAddressBook;
import io.weft.agent.alloc.Owner;
import io.weft.agent.alloc.TestFleet;
import io.weft.agent.command.FakeContainers;
import io.weft.agent.command.FakeHostKernel;
import io.weft.agent.command.HostCommands;
import io.weft.agent.command.HostContext;
import io.weft.common.alloc.AddressRange;
import io.weft.common.command.Attach;
import io.weft.common.net.Cidr;
import java.util.ArrayDeque;
import java.util.List;
import java.util.Queue;
import org.junit.jupiter.api.Test;

/** Containers getting their addresses back on host1, with its kernel and engine in memory. */
class ContainerHealingTest {

  private final FleetAddressBook book = new TestFleet(AddressRange.DEFAULT).join("host1").book;
  private final FakeHostKernel kernel = new FakeHostKernel();
  private final FakeContainers containers = new FakeContainers();
  private final HostCommands commands = new HostCommands(new HostContext(kernel, containers, book,
      AddressRange.DEFAULT, "host1", () -> List.of(Cidr.parse("172.29.0.0/24"))));
  private final Queue<Runnable> thread = new ArrayDeque<>();
  private final ContainerHealing healing = new ContainerHealing(commands, book, kernel, containers, "host1",
      thread::add);

  private List<Cidr> attach(String name, int pid) {
    containers.running(name, pid);
    return ((Attach.Reply) commands.execute(new Attach(List.of(), name))).added();
  }

  private void runThread() {
    while (!thread.isEmpty()) {
      thread.remove().run();
    }
  }

  private static Owner owner(String name) {
    return new Owner("host1", FakeContainers.idOf(name));
  }

  @Test
  void aContainerThatStartsAgainGetsItsAddressesBackOnTheHealingThread() {
    List<Cidr> had = attach("web", 101);
    containers.running("web", 102); // started again: a new namespace, without weft's interface
    healing.reattach(FakeContainers.idOf("web"));
    assertEquals(List.of(), kernel.addressesOf(102), "not on the caller's (Docker's event) thread");
    runThread();
    assertEquals(had, kernel.addressesOf(102));
  }

  @Test
  void aReconcileForgetsWhatContainersRemovedMeanwhileHeld() {
    attach("web", 101);
    attach("gone", 102);
    containers.removed("gone");
    healing.reconcile();
    runThread();
    assertEquals(List.of(), book.heldBy(owner("gone")));
    assertEquals(1, book.heldBy(owner("web")).size());
  }

  @Test
  void aReconcileRecordsWhatTheKernelHasAndTheRecordLacks() {
    containers.running("web", 101);
    Cidr inKernel = Cidr.parse("10.32.0.9/12");
    kernel.attachedBefore(101, inKernel);
    healing.reconcile();
    runThread();
    assertEquals(List.of(inKernel), book.heldBy(owner("web")));
    assertTrue(book.macOf(owner("web")).isPresent(), "with the MAC the kernel gave it");
  }

  @Test
  void aReconcileGivesEveryRunningContainerItsAddressesBack() {
    List<Cidr> web = attach("web", 101);
    List<Cidr> db = attach("db", 201);
    containers.running("web", 111);
    containers.running("db", 211);
    healing.reconcileNow();
    assertEquals(web, kernel.addressesOf(111));
    assertEquals(db, kernel.addressesOf(211));
  }
}
