package io.weft.agent.command;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.weft.agent.alloc.FleetAddressBook;
import io.weft.agent.alloc.Owner;
import io.weft.agent.alloc.TestFleet;
import io.weft.common.ErrorCode;
import io.weft.common.WeftException;
import io.weft.common.alloc.AddressRange;
import io.weft.common.bus.FleetEvent;
import io.weft.common.command.Attach;
import io.weft.common.command.Detach;
import io.weft.common.command.Expose;
import io.weft.common.command.Hide;
import io.weft.common.command.Ps;
import io.weft.common.command.Reset;
import io.weft.common.command.Result;
import io.weft.common.command.Status;
import io.weft.common.command.Verbs;
import io.weft.common.net.Cidr;
import io.weft.docker.engine.ContainerInfo;
import io.weft.docker.engine.Containers;
import java.util.HashSet;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The command handler of one host against a kernel and an engine in memory and the fleet's
 * address record on a plain map: what each verb changes, what it records, and what it leaves
 * when it fails. No root, no engine.
 */
class HostCommandsTest {

  private final FakeHostKernel kernel = new FakeHostKernel();
  private final FakeContainers containers = new FakeContainers();
  private final TestFleet fleet = new TestFleet(AddressRange.DEFAULT);
  private final FleetAddressBook book = fleet.join("host1").book;
  private final FleetAddressBook host2 = fleet.join("host2").book;
  private final FleetAddressBook host3 = fleet.join("host3").book;
  private final Map<String, String> record = fleet.host("host1").addressMap();
  private HostCommands commands;

  @BeforeEach
  void host1() {
    commands = new HostCommands(new HostContext(kernel, containers, book, AddressRange.DEFAULT, "host1",
        () -> List.of(cidr("172.29.0.11/24"), cidr("192.168.40.0/22"))));
  }

  @Test
  void aStreamOfCommandsNeverKeepsDockersPluginCallsWaitingPastTheOneThatRuns() throws Exception {
    Thread plugin = Thread.currentThread(); // as Docker's plugin takes the lock
    java.util.concurrent.atomic.AtomicInteger wentFirst = new java.util.concurrent.atomic.AtomicInteger();
    java.util.concurrent.atomic.AtomicBoolean flooding = new java.util.concurrent.atomic.AtomicBoolean(true);
    java.util.concurrent.CountDownLatch started = new java.util.concurrent.CountDownLatch(1);
    // the command worker, and the reattaches and DNS address keeping that take the lock too
    List<Thread> floods = new ArrayList<>();
    for (int i = 0; i < 3; i++) {
      Thread flood = new Thread(() -> {
        while (flooding.get()) {
          commands.exclusively(() -> {
            started.countDown();
            if (commands.isWaiting(plugin)) {
              wentFirst.incrementAndGet();
            }
            java.util.concurrent.locks.LockSupport.parkNanos(1_000_000); // a command's work
            return null;
          });
        }
      });
      flood.start();
      floods.add(flood);
    }
    try {
      started.await();
      for (int round = 0; round < 20; round++) {
        wentFirst.set(0);
        int during = commands.exclusively(wentFirst::get);
        // counted only while the plugin's call waits, so however loaded the machine: the one that
        // held the lock as it queued and those queued before it, each of the three once. A lock
        // that let them barge in would let them go first for as long as they flood.
        assertTrue(during <= floods.size(), during + " commands went first");
      }
    } finally {
      flooding.set(false);
      for (Thread flood : floods) {
        flood.join();
      }
    }
  }

  @Test
  void aPsWaitingOnDockerNeverKeepsDockersPluginCallWaiting() throws Exception {
    containers.running("web", 101);
    CountDownLatch psInDocker = new CountDownLatch(1);
    CountDownLatch pluginAnswered = new CountDownLatch(1);
    // Docker holds the lock of a container it is starting or ending while it calls the network
    // plugin for it, and a look at that container waits for the lock: here, for the plugin's answer
    Containers docker = new Containers() {
      @Override
      public ContainerInfo inspect(String nameOrId) {
        return containers.inspect(nameOrId);
      }

      @Override
      public Set<String> existingIds() {
        return containers.existingIds();
      }

      @Override
      public Map<Integer, ContainerInfo> runningByPid() {
        psInDocker.countDown();
        try {
          pluginAnswered.await(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
        }
        return containers.runningByPid();
      }

      @Override
      public Set<String> networksOfDriver(String driver) {
        return containers.networksOfDriver(driver);
      }
    };
    HostCommands withDocker = new HostCommands(new HostContext(kernel, docker, book, AddressRange.DEFAULT,
        "host1", () -> List.of(cidr("172.29.0.11/24"))));
    CompletableFuture<Result> ps = CompletableFuture.supplyAsync(() -> withDocker.execute(new Ps()));
    assertTrue(psInDocker.await(5, TimeUnit.SECONDS));
    CompletableFuture<Void> pluginCall = CompletableFuture.runAsync(() -> withDocker.exclusively(() -> {
      pluginAnswered.countDown();
      return null;
    }));
    pluginCall.get(5, TimeUnit.SECONDS); // with ps holding the lock: a TimeoutException
    assertTrue(ps.get(5, TimeUnit.SECONDS) instanceof Ps.Reply);
  }

  @Test
  void anAddressOnAnUnderlayNetworkIsRefusedAndNothingIsClaimed() {
    containers.running("web", 101);
    for (String overlapping : List.of("172.29.0.77/24", "192.168.41.5/24", "172.16.0.5/12")) {
      WeftException refused = assertThrows(WeftException.class,
          () -> commands.execute(new Attach(List.of(cidr(overlapping)), "web")), overlapping);
      assertEquals(ErrorCode.BAD_CIDR, refused.code());
      assertTrue(refused.getMessage().contains("a network the fleet's hosts are on"), refused.getMessage());
      WeftException exposed = assertThrows(WeftException.class,
          () -> commands.execute(new Expose(List.of(cidr(overlapping)))), overlapping);
      assertEquals(ErrorCode.BAD_CIDR, exposed.code());
    }
    assertEquals(List.of(), kernel.addressesOf(101));
    attach(new Attach(List.of(cidr("10.32.4.7/12")), "web"));
  }

  @Test
  void everyVerbHasAHandler() {
    assertEquals(new HashSet<>(Verbs.names()), commands.verbs());
  }

  @Test
  void attachAllocatesTheLowestAddressNoHostHoldsAndRecordsItsMac() {
    host2.claim(List.of(cidr("10.32.0.1/12")), new Owner("host2", "elsewhere"));
    containers.running("web", 101);
    Attach.Reply reply = attach(new Attach(List.of(), "web"));
    assertEquals(List.of(cidr("10.32.0.2/12")), reply.added());
    assertEquals(List.of(cidr("10.32.0.2/12")), kernel.addressesOf(101));
    assertEquals("web", reply.container().name());
    assertEquals("ethwe", reply.container().iface());
    assertTrue(record.get("host1|" + FakeContainers.idOf("web") + "|10.32.0.2")
        .contains(kernel.containerSide(101).orElseThrow().mac()));
    assertEquals(List.of(cidr("10.32.0.2/12")), book.heldBy(owner("web")));
  }

  @Test
  void attachAndDetachTellTheFleetAndANoChangeTellsNothing() {
    List<FleetEvent> told = new ArrayList<>();
    HostCommands telling = new HostCommands(new HostContext(kernel, containers, book, AddressRange.DEFAULT,
        "host1", () -> List.of(cidr("172.29.0.11/24"))), told::add);
    containers.running("web", 101);
    telling.execute(new Attach(List.of(cidr("10.32.4.7/12")), "web"));
    telling.execute(new Attach(List.of(), "web")); // already has it: nothing happened
    telling.execute(new Detach(List.of(), "web"));
    assertEquals(List.of(FleetEvent.Kind.ATTACHED, FleetEvent.Kind.DETACHED),
        told.stream().map(FleetEvent::kind).toList());
    assertEquals("host1", told.get(0).host());
    assertEquals("web", told.get(0).toJson().getJsonObject("container").getString("name"));
    assertEquals(List.of("10.32.4.7/12"), told.get(1).toJson().getJsonArray("removed").getList());
  }

  @Test
  void attachingAgainWithoutAddressesKeepsWhatTheContainerHas() {
    containers.running("web", 101);
    attach(new Attach(List.of(cidr("10.32.4.7/12")), "web"));
    Attach.Reply again = attach(new Attach(List.of(), "web"));
    assertEquals(List.of(), again.added());
    assertEquals(List.of(cidr("10.32.4.7/12")), again.container().addresses());
    assertEquals(1, book.heldBy(owner("web")).size(), "no second address was allocated");
    assertEquals("web (web000000000) already has 10.32.4.7/12", again.text());
  }

  @Test
  void anAddressAnotherHostHoldsIsRefusedAndNothingIsLeft() {
    host3.claim(List.of(cidr("10.32.4.7/12")), new Owner("host3", "db"));
    containers.running("web", 101);
    WeftException e = assertThrows(WeftException.class,
        () -> commands.execute(new Attach(List.of(cidr("10.32.4.8/12"), cidr("10.32.4.7/12")), "web")));
    assertEquals(ErrorCode.ADDRESS_IN_USE, e.code());
    assertTrue(e.getMessage().startsWith("10.32.4.7 is held by container db on host3"), e.getMessage());
    assertEquals(List.of(), kernel.addressesOf(101));
    assertEquals(Map.of("10.32.4.7", "host3"), hosts(), "the claim of 10.32.4.8 was undone");
  }

  @Test
  void whenTheKernelRefusesOnlyWhatThisAttachClaimedIsReleased() {
    containers.running("web", 101);
    attach(new Attach(List.of(cidr("10.32.4.7/12")), "web"));
    kernel.failNextAttach = new WeftException(ErrorCode.NETLINK_FAILED, "the kernel said no");
    WeftException e = assertThrows(WeftException.class,
        () -> commands.execute(new Attach(List.of(cidr("10.32.4.7/12"), cidr("10.32.4.9/12")), "web")));
    assertEquals(ErrorCode.NETLINK_FAILED, e.code());
    assertEquals(List.of(cidr("10.32.4.7/12")), book.heldBy(owner("web")),
        "the address it had stays claimed; the new one is released");
  }

  @Test
  void anAttachEntersOneNamespaceHoweverManyContainersAreAttached() {
    for (int pid = 1000; pid < 1100; pid++) {
      kernel.attachedBefore(pid, cidr("10.33.0." + (pid - 999) + "/12"));
    }
    containers.running("web", 101);
    kernel.namespacesEntered = 0;
    attach(new Attach(List.of(cidr("10.32.4.7/12")), "web"));
    attach(new Attach(List.of(), "web"));
    containers.running("db", 102);
    attach(new Attach(List.of(), "db"));
    assertEquals(3, kernel.namespacesEntered);
    kernel.namespacesEntered = 0;
    assertEquals(102, ((Status.Reply) commands.execute(new Status())).containers());
    assertEquals(0, kernel.namespacesEntered, "status counts without entering any namespace");
  }

  @Test
  void aContainerThatIsNotRunningIsRefusedBeforeAnythingIsClaimed() {
    containers.stopped("web");
    WeftException e = assertThrows(WeftException.class,
        () -> commands.execute(new Attach(List.of(cidr("10.32.4.7/12")), "web")));
    assertEquals(ErrorCode.CONTAINER_NOT_RUNNING, e.code());
    assertTrue(book.heldBy(owner("web")).isEmpty());
    WeftException unknown = assertThrows(WeftException.class,
        () -> commands.execute(new Attach(List.of(), "nobody")));
    assertEquals(ErrorCode.NO_SUCH_CONTAINER, unknown.code());
  }

  @Test
  void detachReleasesWhatItRemovesAndReportsWhatIsLeft() {
    containers.running("web", 101);
    attach(new Attach(List.of(cidr("10.32.4.7/12"), cidr("10.32.4.8/12")), "web"));
    Detach.Reply one = (Detach.Reply) commands.execute(new Detach(List.of(cidr("10.32.4.8/12")), "web"));
    assertEquals(List.of(cidr("10.32.4.8/12")), one.removed());
    assertEquals(List.of(cidr("10.32.4.7/12")), one.container().addresses());
    assertEquals(List.of(cidr("10.32.4.7/12")), book.heldBy(owner("web")));
    Detach.Reply rest = (Detach.Reply) commands.execute(new Detach(List.of(), "web"));
    assertEquals(List.of(), rest.container().addresses());
    assertTrue(hosts().isEmpty());
  }

  @Test
  void exposeAllocatesForTheBridgeAndHideAndResetRelease() {
    Expose.Reply exposed = (Expose.Reply) commands.execute(new Expose(List.of()));
    assertEquals(List.of(cidr("10.32.0.1/12")), exposed.added());
    assertEquals(List.of(cidr("10.32.0.1/12")), book.heldBy(Owner.bridgeOf("host1")));
    Hide.Reply hidden = (Hide.Reply) commands.execute(new Hide(List.of()));
    assertEquals(List.of(cidr("10.32.0.1/12")), hidden.removed());
    assertTrue(hosts().isEmpty());

    containers.running("web", 101);
    attach(new Attach(List.of(), "web"));
    commands.execute(new Expose(List.of(cidr("10.32.9.9/12"))));
    host2.claim(List.of(cidr("10.32.0.5/12")), new Owner("host2", "db"));
    Reset.Reply reset = (Reset.Reply) commands.execute(new Reset());
    assertEquals(List.of("vethwepl101", "weft"), reset.removed());
    assertEquals(Map.of("10.32.0.5", "host2"), hosts(), "only this host's addresses are forgotten");
  }

  @Test
  void psListsEachContainerWithItsNameAndTheBridge() {
    containers.running("web", 101);
    attach(new Attach(List.of(cidr("10.32.4.7/12")), "web"));
    kernel.attachedBefore(555, cidr("10.32.4.8/12")); // a process Docker does not know
    commands.execute(new Expose(List.of(cidr("10.32.9.9/12"))));
    Ps.Reply ps = (Ps.Reply) commands.execute(new Ps());
    assertEquals(List.of("web", "null"), ps.containers().stream().map(r -> String.valueOf(r.name())).toList());
    assertEquals(List.of(cidr("10.32.9.9/12")), ps.bridge().orElseThrow().addresses());
  }

  @Test
  void aRestartedContainerGetsItsAddressesAndItsMacBack() {
    containers.running("web", 101);
    Attach.Reply first = attach(new Attach(List.of(cidr("10.32.4.7/12")), "web"));
    String mac = kernel.containerSide(101).orElseThrow().mac();
    kernel.reset(); // the container stopped: its interface went with its namespace
    containers.running("web", 202);
    assertEquals(List.of(cidr("10.32.4.7/12")), commands.reattach(FakeContainers.idOf("web")));
    assertEquals(List.of(cidr("10.32.4.7/12")), kernel.addressesOf(202));
    assertEquals(mac, kernel.containerSide(202).orElseThrow().mac(), "the same MAC: the fleet's entries stay right");
    assertEquals(List.of(), commands.reattach(FakeContainers.idOf("web")), "nothing is missing now");
    assertEquals(List.of(cidr("10.32.4.7/12")), first.added());
  }

  @Test
  void aReattachAndAStartOfOneContainerNeverInterleave() throws Exception {
    containers.running("web", 101);
    book.claim(List.of(cidr("10.32.4.7/12")), owner("web"));
    kernel.holdInside = java.time.Duration.ofMillis(300);
    Thread reattach = new Thread(() -> commands.reattach(FakeContainers.idOf("web")));
    reattach.start();
    attach(new Attach(List.of(cidr("10.32.4.7/12"), cidr("10.32.4.8/12")), "web"));
    reattach.join();
    assertEquals(1, kernel.mostInsideAtOnce, "one command in the kernel at a time");
    assertEquals(List.of(cidr("10.32.4.7/12"), cidr("10.32.4.8/12")), book.heldBy(owner("web")));
  }

  @Test
  void detachForgetsTheRecordBeforeTheKernelAndRecordsAgainWhenTheKernelRefuses() {
    containers.running("web", 101);
    attach(new Attach(List.of(cidr("10.32.4.7/12")), "web"));
    List<List<Cidr>> heldWhenTheKernelActed = new java.util.ArrayList<>();
    kernel.beforeRemoval = () -> heldWhenTheKernelActed.add(book.heldBy(owner("web")));
    kernel.failNextRemoval = new WeftException(ErrorCode.NETLINK_FAILED, "the kernel said no");
    assertThrows(WeftException.class, () -> commands.execute(new Detach(List.of(), "web")));
    assertEquals(List.of(List.of()), heldWhenTheKernelActed, "forgotten before the kernel acted");
    assertEquals(List.of(cidr("10.32.4.7/12")), book.heldBy(owner("web")), "recorded again after it refused");
  }

  private Attach.Reply attach(Attach command) {
    return (Attach.Reply) commands.execute(command);
  }

  /** Address to host, of every holding the fleet's record shows. */
  private Map<String, String> hosts() {
    Map<String, String> hosts = new java.util.TreeMap<>();
    book.holdings().all().forEach(h -> hosts.put(h.cidr().address().toString(), h.host()));
    return hosts;
  }

  private static Owner owner(String name) {
    return new Owner("host1", FakeContainers.idOf(name));
  }

  private static Cidr cidr(String text) {
    return Cidr.parse(text);
  }
}
