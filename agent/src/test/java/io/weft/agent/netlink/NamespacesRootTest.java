package io.weft.agent.netlink;

import static org.junit.jupiter.api.Assertions.*;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executors;
import java.util.concurrent.ExecutorService;
import org.junit.jupiter.api.Test;

class NamespacesRootTest extends InNamespaceTest {

  private static Path threadNs() throws Exception {
    return Files.readSymbolicLink(Path.of("/proc/thread-self/ns/net"));
  }

  @Test
  void aHandleActsInItsNamespaceFromAnyThreadAndNoThreadChangesNamespace() throws Exception {
    Path before = threadNs();
    ExecutorService pool = Executors.newFixedThreadPool(2);
    try {
      Path poolBefore = pool.submit(NamespacesRootTest::threadNs).get();
      pool.submit(() -> nl.links().add(Bridge.named("frompool"))).get();
      CompletableFuture.runAsync(() -> nl.links().add(Bridge.named("fromfj"))).get();

      assertNotNull(ns.link("frompool"));
      assertNotNull(ns.link("fromfj"));
      try (Netlink host = Netlink.open()) {
        assertTrue(host.links().list().stream().noneMatch(l -> l.name().equals("frompool")));
      }
      assertEquals(poolBefore, pool.submit(NamespacesRootTest::threadNs).get());
      assertEquals(before, threadNs());
    } finally {
      pool.shutdownNow();
    }
  }

  @Test
  void theNamespaceThreadGoesHomeSoNoNamespaceIsKeptAlive() throws Exception {
    try (Netlink other = Netlink.forNamespace(ns.name)) {
      other.links().list();
    }
    Path home = Files.readSymbolicLink(Path.of("/proc/self/ns/net"));
    boolean found = false;
    try (var tasks = Files.list(Path.of("/proc/self/task"))) {
      for (Path task : (Iterable<Path>) tasks::iterator) {
        if (threadName(task).equals("weft-netns")) {
          found = true;
          assertEquals(home, Files.readSymbolicLink(task.resolve("ns/net")),
              "the namespace thread still holds " + ns.name);
        }
      }
    }
    assertTrue(found, "no weft-netns thread: the handle was opened some other way");
  }

  /** A thread's name; empty for one that ended while the tasks were listed. */
  private static String threadName(Path task) throws java.io.IOException {
    try {
      return Files.readString(task.resolve("comm")).strip();
    } catch (java.nio.file.NoSuchFileException ended) {
      return "";
    }
  }

  @Test
  void aHandleByPidActsInThatProcesssNamespace() throws Exception {
    Process inside = TestNamespace.startInside(ns.name);
    try (Netlink byPid = Netlink.forPid((int) inside.pid())) {
      byPid.links().add(Bridge.named("bypid"));
      assertNotNull(ns.link("bypid"));
    } finally {
      inside.destroyForcibly().waitFor();
    }
  }

  @Test
  void closingAHandleClosesTheDescriptorsItOpened() throws Exception {
    NetNs opened;
    Path fdLink;
    String target;
    try (Netlink h = Netlink.forNamespace(ns.name)) {
      opened = h.namespace();
      fdLink = Path.of("/proc/self/fd/" + opened.fd());
      target = Files.readSymbolicLink(fdLink).toString();
      assertTrue(target.contains(ns.name), target);
    }
    assertThrows(NetlinkException.class, opened::fd);
    // The number may be reused by the next open; it must not still point at the namespace.
    assertFalse(pointsAt(fdLink, target), fdLink + " still points at " + target);
  }

  /** Whether {@code link} points at {@code target}; not when it is gone (another thread's descriptor, closed meanwhile). */
  private static boolean pointsAt(Path link, String target) throws IOException {
    try {
      return Files.readSymbolicLink(link).toString().equals(target);
    } catch (NoSuchFileException e) {
      return false;
    }
  }

  @Test
  void sysctlWritesInTheHandlesNamespaceOnly() throws Exception {
    nl.links().add(Bridge.named("wsysctl1"));
    Path before = threadNs();
    nl.sysctl().setAll(Map.of(
        Sysctl.ipv4Conf("wsysctl1", "arp_notify"), "1",
        Sysctl.ipv4Conf("wsysctl1", "arp_accept"), "1"));

    assertEquals("1", ns.exec("cat", "/proc/sys/net/ipv4/conf/wsysctl1/arp_notify"));
    assertEquals("1", ns.exec("cat", "/proc/sys/net/ipv4/conf/wsysctl1/arp_accept"));
    assertEquals("1", nl.sysctl().get(Sysctl.ipv4Conf("wsysctl1", "arp_notify")));
    assertFalse(Files.exists(Path.of("/proc/sys/net/ipv4/conf/wsysctl1")), "the test's own namespace has no such bridge");
    assertEquals(before, threadNs());
    NotFoundException e = assertThrows(NotFoundException.class,
        () -> nl.sysctl().set(Sysctl.ipv4Conf("nosuch0", "arp_notify"), "1"));
    assertTrue(e.getMessage().contains("nosuch0"), e.getMessage());
    assertThrows(InvalidArgumentException.class, () -> nl.sysctl().set("ipv4/../../x", "1"));
  }
}
