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
import io.weft.common.command.Detach;
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

  @Test
  void aDetachWhileAReconcileReadsTheKernelDoesNotComeBack() throws Exception {
    List<Cidr> had = attach("web", 101);
    Thread[] detaching = new Thread[1];
    // a conflict's loser renumbered by another thread right after the reconcile read the kernel
    kernel.afterAttachedRead(() -> {
      detaching[0] = new Thread(() -> commands.execute(new Detach(had, "web")));
      detaching[0].start();
      doneOrWaitingForTheLock(detaching[0]);
    });
    healing.reconcileNow();
    detaching[0].join(10_000);
    assertEquals(List.of(), book.heldBy(owner("web")), "the detached address stays forgotten");
    assertEquals(List.of(), kernel.addressesOf(101), "and is not given back");
  }

  @Test
  void aContainerAttachedWhileAReconcileListsDockersIsNotTakenForARemovedOne() {
    attach("web", 101);
    List<Cidr> late = new java.util.ArrayList<>();
    // created and attached right after the reconcile read Docker's list of containers
    containers.afterExistingRead(() -> late.addAll(attach("late", 102)));
    // what the record says once the vanished are forgotten, before the kernel is read again
    List<Cidr> heldMeanwhile = new java.util.ArrayList<>();
    kernel.afterAttachedRead(() -> heldMeanwhile.addAll(book.heldBy(owner("late"))));
    healing.reconcileNow();
    assertEquals(1, late.size());
    assertEquals(late, heldMeanwhile, "never free for another container to take");
    assertEquals(late, book.heldBy(owner("late")));
  }

  /** Until {@code thread} is done, or parked waiting for the command lock (bounded: 10 s). */
  private static void doneOrWaitingForTheLock(Thread thread) {
    long bound = System.nanoTime() + 10_000_000_000L;
    while (thread.getState() != Thread.State.TERMINATED && thread.getState() != Thread.State.WAITING) {
      if (System.nanoTime() > bound) {
        throw new AssertionError("the detach neither ended nor waited within 10 s");
      }
      Thread.onSpinWait();
    }
  }
}
