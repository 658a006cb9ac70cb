package io.weft.shell.verbs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.github.dockerjava.api.DockerClient;
import io.vertx.core.json.JsonObject;
import io.weft.docker.engine.DockerClients;
import io.weft.docker.image.DebianBase;
import io.weft.shell.cli.CapturedRun;
import io.weft.shell.sandbox.Sandbox;
import io.weft.shell.sandbox.SandboxHosts;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.testcontainers.containers.Container.ExecResult;
import org.testcontainers.containers.GenericContainer;
import org.testcontainers.utility.DockerImageName;

/**
 * Every verb on one host, through the host's Docker API only, as a user meets it: the weft
 * command line with DOCKER_HOST at host1. Results are checked with iproute2 and ping, not weft.
 */
class OneHostVerbsIT {

  private static final String HOST = "host1";
  private static Sandbox sandbox;
  private static DockerClient docker;
  private final List<GenericContainer<?>> started = new ArrayList<>();

  @BeforeAll
  static void up() {
    sandbox = SandboxHosts.up(1);
    docker = DockerClients.forHost(sandbox.host(HOST).dockerHost());
  }

  @AfterAll
  static void down() throws Exception {
    docker.close();
    SandboxHosts.down(sandbox);
  }

  @AfterEach
  void clean() {
    started.forEach(GenericContainer::stop);
    CapturedRun.of("reset");
  }

  @Test
  void twoAttachedContainersReachEachOther() throws Exception {
    GenericContainer<?> a = container();
    GenericContainer<?> b = container();
    assertOk(CapturedRun.of("attach", "10.32.1.5/12", a.getContainerId()));
    assertOk(CapturedRun.of("attach", "10.32.1.6/12", b.getContainerId()));

    assertEquals(List.of("10.32.1.5/12"), ethwe(a));
    assertEquals(List.of("10.32.1.6/12"), ethwe(b));
    ExecResult ping = a.execInContainer("ping", "-c", "1", "-W", "2", "10.32.1.6");
    assertEquals(0, ping.getExitCode(), ping.getStdout());
    assertTrue(HostLinks.names(HOST).contains("vethwepl" + pid(a)));
    assertEquals("1450", a.execInContainer("cat", "/sys/class/net/ethwe/mtu").getStdout().strip());
    assertEquals("1", a.execInContainer("cat", "/proc/sys/net/ipv4/conf/ethwe/arp_notify")
        .getStdout().strip(), "addresses are announced when ethwe comes up");
  }

  @Test
  void attachingTheSameAddressTwiceChangesNothing() throws Exception {
    GenericContainer<?> a = container();
    assertOk(CapturedRun.of("attach", "10.32.1.5/12", a.getContainerId()));
    CapturedRun again = CapturedRun.of("attach", "10.32.1.5/12", a.getContainerId());
    assertOk(again);
    assertTrue(again.out().contains("already has 10.32.1.5/12"), again.out());
    assertEquals(List.of("10.32.1.5/12"), ethwe(a));
  }

  @Test
  void anAddressAnotherContainerHoldsIsRefused() throws Exception {
    GenericContainer<?> a = container();
    GenericContainer<?> b = container();
    assertOk(CapturedRun.of("attach", "10.32.1.5/12", a.getContainerId()));
    CapturedRun taken = CapturedRun.of("attach", "10.32.1.5/12", b.getContainerId());
    assertEquals(1, taken.exitCode());
    assertTrue(taken.failedWithOneLine("10.32.1.5 is held by"), taken.err());
    assertNoEthwe(b);
  }

  @Test
  void withoutAnAddressWeftAllocatesDistinctOnes() throws Exception {
    GenericContainer<?> a = container();
    GenericContainer<?> b = container();
    assertOk(CapturedRun.of("attach", a.getContainerId()));
    assertOk(CapturedRun.of("attach", b.getContainerId()));
    List<String> first = ethwe(a);
    List<String> second = ethwe(b);
    assertEquals(1, first.size());
    assertEquals(1, second.size());
    assertNotEquals(first, second);
    assertTrue(first.get(0).startsWith("10.3") && first.get(0).endsWith("/12"), first.toString());
  }

  @Test
  void detachRemovesAddressesThenTheInterface() throws Exception {
    GenericContainer<?> a = container();
    assertOk(CapturedRun.of("attach", "10.32.1.5/12", "10.32.1.7/12", a.getContainerId()));
    assertOk(CapturedRun.of("detach", "10.32.1.7/12", a.getContainerId()));
    assertEquals(List.of("10.32.1.5/12"), ethwe(a));
    assertOk(CapturedRun.of("detach", a.getContainerId()));
    assertNoEthwe(a);
    assertFalse(HostLinks.names(HOST).contains("vethwepl" + pid(a)));

    CapturedRun nothing = CapturedRun.of("detach", "10.32.1.5/12", a.getContainerId());
    assertEquals(1, nothing.exitCode());
    assertTrue(nothing.failedWithOneLine("not attached to weft"), nothing.err());
  }

  @Test
  void exposeLetsTheHostReachAContainerAndHideStopsIt() throws Exception {
    GenericContainer<?> a = container();
    assertOk(CapturedRun.of("attach", "10.32.1.5/12", a.getContainerId()));
    assertFalse(HostLinks.ping(HOST, "10.32.1.5"));
    assertOk(CapturedRun.of("expose", "10.32.0.1/12"));
    assertEquals(List.of("10.32.0.1/12"), HostLinks.addresses(HOST, "weft"));
    assertTrue(HostLinks.ping(HOST, "10.32.1.5"));
    assertOk(CapturedRun.of("hide"));
    assertEquals(List.of(), HostLinks.addresses(HOST, "weft"));
    assertFalse(HostLinks.ping(HOST, "10.32.1.5"));
  }

  @Test
  void psAndStatusDescribeTheHost() throws Exception {
    GenericContainer<?> a = container();
    assertOk(CapturedRun.of("attach", "10.32.1.5/12", a.getContainerId()));
    CapturedRun ps = CapturedRun.of("ps");
    assertOk(ps);
    String mac = a.execInContainer("cat", "/sys/class/net/ethwe/address").getStdout().strip();
    assertTrue(ps.out().lines().findFirst().orElse("").startsWith("CONTAINER ID   NAME"), ps.out());
    assertTrue(ps.out().lines().anyMatch(line -> line.matches(a.getContainerId().substring(0, 12)
        + " +\\S+ +" + mac + " +10\\.32\\.1\\.5/12")), ps.out());
    CapturedRun formatted = CapturedRun.of("ps", "--format", "{{.ID}} {{.MAC}} {{.Addresses}}");
    assertOk(formatted);
    assertEquals(a.getContainerId().substring(0, 12) + " " + mac + " 10.32.1.5/12", formatted.out().strip());
    CapturedRun quiet = CapturedRun.of("ps", "-q");
    assertEquals(a.getContainerId().substring(0, 12), quiet.out().strip(), "-q prints the ids alone");

    CapturedRun json = CapturedRun.of("ps", "--json");
    JsonObject row = new JsonObject(json.out()).getJsonObject("result").getJsonArray("containers")
        .getJsonObject(0);
    assertEquals(a.getContainerId(), row.getString("id"));

    CapturedRun status = CapturedRun.of("status", "--json");
    JsonObject result = new JsonObject(status.out()).getJsonObject("result");
    assertEquals(HOST, result.getString("host"));
    assertEquals(1, result.getInteger("containers"));
    assertEquals(1450, result.getJsonObject("bridge").getInteger("mtu"));
  }

  @Test
  void runAndStartLeaveTheContainerOnWeft() throws Exception {
    CapturedRun run = CapturedRun.of("run", "10.32.2.1/12", "--name", "weft-run-test",
        DebianBase.IMAGE, "sleep", "infinity");
    assertOk(run);
    String id = run.out().strip();
    try {
      assertEquals(List.of("10.32.2.1/12"), ethweOf(id));

      docker.stopContainerCmd(id).withTimeout(0).exec();
      CapturedRun start = CapturedRun.of("start", "10.32.2.2/12", "weft-run-test");
      assertOk(start);
      assertEquals(List.of("10.32.2.2/12"), ethweOf(id));
    } finally {
      docker.removeContainerCmd(id).withForce(true).exec();
    }
  }

  @Test
  void aContainerThatGoesAwayTakesItsVethAndFreesItsAddress() throws Exception {
    GenericContainer<?> a = container();
    assertOk(CapturedRun.of("attach", "10.32.1.5/12", a.getContainerId()));
    int pid = pid(a);
    a.stop();
    assertFalse(HostLinks.names(HOST).contains("vethwepl" + pid));
    GenericContainer<?> b = container();
    assertOk(CapturedRun.of("attach", "10.32.1.5/12", b.getContainerId()));
    assertEquals(List.of("10.32.1.5/12"), ethwe(b));
  }

  @Test
  void resetLeavesNoWeftInterface() throws Exception {
    GenericContainer<?> a = container();
    assertOk(CapturedRun.of("attach", "10.32.1.5/12", a.getContainerId()));
    assertOk(CapturedRun.of("expose", "10.32.0.1/12"));
    assertOk(CapturedRun.of("reset"));
    assertEquals(List.of(), HostLinks.weftLinks(HOST));
    assertNoEthwe(a);
  }

  @Test
  void badInputIsRefusedAndLeavesNothingBehind() throws Exception {
    GenericContainer<?> a = container();
    String stopped = docker.createContainerCmd(DebianBase.IMAGE).withCmd("true").exec().getId();
    GenericContainer<?> hostNet = container("host");
    try {
      assertRefused(CapturedRun.of("attach", "10.32.1.5/12", "no-such-container"), 1,
          "no container 'no-such-container'");
      assertRefused(CapturedRun.of("attach", "10.32.1.5/12", stopped), 1, "is not running");
      assertRefused(CapturedRun.of("attach", "10.32.1.5/12", hostNet.getContainerId()), 1,
          "uses the host's network");
      assertRefused(CapturedRun.of("attach", "10.32.1.500/12", a.getContainerId()), 2,
          "'10.32.1.500' is not an IPv4 address");
      assertRefused(CapturedRun.of("attach", "127.0.0.5/8", a.getContainerId()), 2, "loopback");
      assertRefused(CapturedRun.of("attach", "10.32.1.5/12", a.getContainerId(), "extra"), 2,
          "is not a CIDR");
      assertRefused(CapturedRun.of("attach"), 2, "attach needs a container");
      assertRefused(CapturedRun.of("ps", "extra"), 2, "ps takes no arguments");
      assertEquals(List.of(), HostLinks.weftLinks(HOST).stream()
          .filter(n -> n.startsWith("vethwepl")).toList(), "no veth left");
      assertNoEthwe(a);
    } finally {
      docker.removeContainerCmd(stopped).withForce(true).exec();
    }
  }

  private GenericContainer<?> container() {
    return container(null);
  }

  private GenericContainer<?> container(String networkMode) {
    GenericContainer<?> c = new GenericContainer<>(DockerImageName.parse(DebianBase.IMAGE))
        .withCommand("sleep", "infinity");
    if (networkMode != null) {
      c.withNetworkMode(networkMode);
    }
    c.start();
    started.add(c);
    return c;
  }

  private static int pid(GenericContainer<?> c) {
    return docker.inspectContainerCmd(c.getContainerId()).exec().getState().getPidLong().intValue();
  }

  private static List<String> ethwe(GenericContainer<?> c) {
    return ethweOf(c.getContainerId());
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

  private static void assertNoEthwe(GenericContainer<?> c) throws Exception {
    ExecResult link = c.execInContainer("ip", "link", "show", "ethwe");
    assertNotEquals(0, link.getExitCode(), "ethwe is there: " + link.getStdout());
  }

  private static void assertOk(CapturedRun run) {
    assertEquals(0, run.exitCode(), run.err());
  }

  private static void assertRefused(CapturedRun run, int exit, String text) {
    assertEquals(exit, run.exitCode(), run.err());
    assertTrue(run.failedWithOneLine(text), run.err());
  }
}
