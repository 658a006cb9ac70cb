package io.weft.shell.verbs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.github.dockerjava.api.DockerClient;
import io.vertx.core.json.JsonObject;
import io.weft.common.process.ProcessResult;
import io.weft.docker.image.DebianBase;
import io.weft.shell.cli.CapturedRun;
import io.weft.testkit.Fleet;
import io.weft.testkit.FleetHost;
import io.weft.testkit.HostContainer;
import io.weft.testkit.OwnHosts;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.parallel.Execution;
import org.junit.jupiter.api.parallel.ExecutionMode;
import org.junit.jupiter.api.parallel.ResourceLock;

/**
 * Every verb on one host, through the host's Docker API only, as a user meets it: the weft
 * command line with DOCKER_HOST at the host, where weft was never launched (each verb runs in a
 * one-shot container). Results are checked with iproute2 and ping, not weft.
 */
@OwnHosts(hosts = 1)
@Execution(ExecutionMode.CONCURRENT)
@ResourceLock(OwnHosts.LOCK)
class OneHostVerbsIT {

  private static FleetHost host;
  private static DockerClient docker;
  private final List<HostContainer> started = new ArrayList<>();

  @BeforeAll
  static void up(Fleet own) {
    host = own.host(0);
    docker = host.engine();
  }

  @AfterEach
  void clean() {
    started.forEach(HostContainer::stop);
    host.weft("reset");
  }

  @Test
  void twoAttachedContainersReachEachOther() throws Exception {
    String a = container();
    String b = container();
    assertOk(host.weft("attach", "10.32.1.5/12", a));
    assertOk(host.weft("attach", "10.32.1.6/12", b));

    assertEquals(List.of("10.32.1.5/12"), ethwe(a));
    assertEquals(List.of("10.32.1.6/12"), ethwe(b));
    ProcessResult ping = host.exec(a, "ping", "-c", "1", "-W", "2", "10.32.1.6");
    assertEquals(0, ping.exitCode(), ping.stdout());
    assertTrue(HostLinks.names(host.netns()).contains("vethwepl" + pid(a)));
    assertEquals("1450", host.exec(a, "cat", "/sys/class/net/ethwe/mtu").stdout().strip());
    assertEquals("1", host.exec(a, "cat", "/proc/sys/net/ipv4/conf/ethwe/arp_notify")
        .stdout().strip(), "addresses are announced when ethwe comes up");
  }

  @Test
  void attachingTheSameAddressTwiceChangesNothing() throws Exception {
    String a = container();
    assertOk(host.weft("attach", "10.32.1.5/12", a));
    CapturedRun again = host.weft("attach", "10.32.1.5/12", a);
    assertOk(again);
    assertTrue(again.out().contains("already has 10.32.1.5/12"), again.out());
    assertEquals(List.of("10.32.1.5/12"), ethwe(a));
  }

  @Test
  void anAddressAnotherContainerHoldsIsRefused() throws Exception {
    String a = container();
    String b = container();
    assertOk(host.weft("attach", "10.32.1.5/12", a));
    CapturedRun taken = host.weft("attach", "10.32.1.5/12", b);
    assertEquals(1, taken.exitCode());
    assertTrue(taken.failedWithOneLine("10.32.1.5 is held by"), taken.err());
    assertNoEthwe(b);
  }

  @Test
  void withoutAnAddressWeftAllocatesDistinctOnes() throws Exception {
    String a = container();
    String b = container();
    assertOk(host.weft("attach", a));
    assertOk(host.weft("attach", b));
    List<String> first = ethwe(a);
    List<String> second = ethwe(b);
    assertEquals(1, first.size());
    assertEquals(1, second.size());
    assertNotEquals(first, second);
    assertTrue(first.get(0).startsWith("10.3") && first.get(0).endsWith("/12"), first.toString());
  }

  @Test
  void detachRemovesAddressesThenTheInterface() throws Exception {
    String a = container();
    assertOk(host.weft("attach", "10.32.1.5/12", "10.32.1.7/12", a));
    assertOk(host.weft("detach", "10.32.1.7/12", a));
    assertEquals(List.of("10.32.1.5/12"), ethwe(a));
    assertOk(host.weft("detach", a));
    assertNoEthwe(a);
    assertFalse(HostLinks.names(host.netns()).contains("vethwepl" + pid(a)));

    CapturedRun nothing = host.weft("detach", "10.32.1.5/12", a);
    assertEquals(1, nothing.exitCode());
    assertTrue(nothing.failedWithOneLine("not attached to weft"), nothing.err());
  }

  @Test
  void exposeLetsTheHostReachAContainerAndHideStopsIt() throws Exception {
    String a = container();
    assertOk(host.weft("attach", "10.32.1.5/12", a));
    assertFalse(HostLinks.ping(host.netns(), "10.32.1.5"));
    assertOk(host.weft("expose", "10.32.0.1/12"));
    assertEquals(List.of("10.32.0.1/12"), HostLinks.addresses(host.netns(), "weft"));
    assertTrue(HostLinks.ping(host.netns(), "10.32.1.5"));
    assertOk(host.weft("hide"));
    assertEquals(List.of(), HostLinks.addresses(host.netns(), "weft"));
    assertFalse(HostLinks.ping(host.netns(), "10.32.1.5"));
  }

  @Test
  void psAndStatusDescribeTheHost() throws Exception {
    String a = container();
    assertOk(host.weft("attach", "10.32.1.5/12", a));
    CapturedRun ps = host.weft("ps");
    assertOk(ps);
    String mac = host.exec(a, "cat", "/sys/class/net/ethwe/address").stdout().strip();
    assertTrue(ps.out().lines().findFirst().orElse("").startsWith("CONTAINER ID   NAME"), ps.out());
    assertTrue(ps.out().lines().anyMatch(line -> line.matches(a.substring(0, 12)
        + " +\\S+ +" + mac + " +10\\.32\\.1\\.5/12")), ps.out());
    CapturedRun formatted = host.weft("ps", "--format", "{{.ID}} {{.MAC}} {{.Addresses}}");
    assertOk(formatted);
    assertEquals(a.substring(0, 12) + " " + mac + " 10.32.1.5/12", formatted.out().strip());
    CapturedRun quiet = host.weft("ps", "-q");
    assertEquals(a.substring(0, 12), quiet.out().strip(), "-q prints the ids alone");

    CapturedRun json = host.weft("ps", "--json");
    JsonObject row = new JsonObject(json.out()).getJsonObject("result").getJsonArray("containers")
        .getJsonObject(0);
    assertEquals(a, row.getString("id"));

    CapturedRun status = host.weft("status", "--json");
    JsonObject result = new JsonObject(status.out()).getJsonObject("result");
    assertEquals(host.name(), result.getString("host"));
    assertEquals(1, result.getInteger("containers"));
    assertEquals(1450, result.getJsonObject("bridge").getInteger("mtu"));
  }

  @Test
  void runAndStartLeaveTheContainerOnWeft() throws Exception {
    CapturedRun run = host.weft("run", "10.32.2.1/12", "--name", "weft-run-test",
        DebianBase.IMAGE, "sleep", "infinity");
    assertOk(run);
    String id = run.out().strip();
    try {
      assertEquals(List.of("10.32.2.1/12"), ethweOf(id));

      docker.stopContainerCmd(id).withTimeout(0).exec();
      CapturedRun start = host.weft("start", "10.32.2.2/12", "weft-run-test");
      assertOk(start);
      assertEquals(List.of("10.32.2.2/12"), ethweOf(id));
    } finally {
      docker.removeContainerCmd(id).withForce(true).exec();
    }
  }

  @Test
  void aContainerThatGoesAwayTakesItsVethAndFreesItsAddress() throws Exception {
    String a = container();
    assertOk(host.weft("attach", "10.32.1.5/12", a));
    int pid = pid(a);
    docker.removeContainerCmd(a).withForce(true).exec();
    assertFalse(HostLinks.names(host.netns()).contains("vethwepl" + pid));
    String b = container();
    assertOk(host.weft("attach", "10.32.1.5/12", b));
    assertEquals(List.of("10.32.1.5/12"), ethwe(b));
  }

  @Test
  void resetLeavesNoWeftInterface() throws Exception {
    String a = container();
    assertOk(host.weft("attach", "10.32.1.5/12", a));
    assertOk(host.weft("expose", "10.32.0.1/12"));
    assertOk(host.weft("reset"));
    assertEquals(List.of(), HostLinks.weftLinks(host.netns()));
    assertNoEthwe(a);
  }

  @Test
  void badInputIsRefusedAndLeavesNothingBehind() throws Exception {
    String a = container();
    String stopped = docker.createContainerCmd(DebianBase.IMAGE).withCmd("true").exec().getId();
    String hostNet = hostNetworkContainer();
    try {
      assertRefused(host.weft("attach", "10.32.1.5/12", "no-such-container"), 1,
          "no container 'no-such-container'");
      assertRefused(host.weft("attach", "10.32.1.5/12", stopped), 1, "is not running");
      assertRefused(host.weft("attach", "10.32.1.5/12", hostNet), 1,
          "uses the host's network");
      assertRefused(host.weft("attach", "10.32.1.500/12", a), 2,
          "'10.32.1.500' is not an IPv4 address");
      assertRefused(host.weft("attach", "127.0.0.5/8", a), 2, "loopback");
      assertRefused(host.weft("attach", "10.32.1.5/12", a, "extra"), 2,
          "is not a CIDR");
      assertRefused(host.weft("attach"), 2, "attach needs a container");
      assertRefused(host.weft("ps", "extra"), 2, "ps takes no arguments");
      assertEquals(List.of(), HostLinks.weftLinks(host.netns()).stream()
          .filter(n -> n.startsWith("vethwepl")).toList(), "no veth left");
      assertNoEthwe(a);
    } finally {
      docker.removeContainerCmd(stopped).withForce(true).exec();
    }
  }

  /** A sleeping container of the base image (Testcontainers'), removed after the test; its id. */
  private String container() {
    return started(host.testContainer());
  }

  /** A sleeping container on the host's own network, removed after the test; its id. */
  private String hostNetworkContainer() {
    return started(host.testContainer().withNetworkMode("host"));
  }

  private String started(HostContainer container) {
    started.add(container);
    container.start();
    return container.getContainerId();
  }

  private static int pid(String container) {
    return host.pid(container);
  }

  private static List<String> ethwe(String container) {
    return ethweOf(container);
  }

  /** ethwe's IPv4 addresses, read inside the container's namespace by iproute2 on the machine. */
  private static List<String> ethweOf(String id) {
    int pid = docker.inspectContainerCmd(id).exec().getState().getPidLong().intValue();
    String out = io.weft.common.process.HostProcess.of("nsenter", "--net=/proc/" + pid + "/ns/net",
        "ip", "-j", "addr", "show", "dev", "ethwe").run();
    return new io.vertx.core.json.JsonArray(out).getJsonObject(0).getJsonArray("addr_info").stream()
        .map(a -> (JsonObject) a)
        .filter(a -> "inet".equals(a.getString("family")))
        .map(a -> a.getString("local") + "/" + a.getInteger("prefixlen"))
        .toList();
  }

  private static void assertNoEthwe(String c) throws Exception {
    ProcessResult link = host.exec(c, "ip", "link", "show", "ethwe");
    assertNotEquals(0, link.exitCode(), "ethwe is there: " + link.stdout());
  }

  private static void assertOk(CapturedRun run) {
    assertEquals(0, run.exitCode(), run.err());
  }

  private static void assertRefused(CapturedRun run, int exit, String text) {
    assertEquals(exit, run.exitCode(), run.err());
    assertTrue(run.failedWithOneLine(text), run.err());
  }
}
