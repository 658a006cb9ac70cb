package io.weft.bench.security;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.github.dockerjava.api.DockerClient;
import io.vertx.core.json.JsonObject;
import io.weft.bench.fleet.ChainLaunch;
import io.weft.common.process.HostProcess;
import io.weft.docker.agent.AgentPeers;
import io.weft.docker.engine.DockerClients;
import io.weft.docker.image.AgentImage;
import io.weft.shell.cli.WeftCli;
import io.weft.shell.sandbox.Sandbox;
import io.weft.shell.sandbox.SandboxHost;
import io.weft.shell.sandbox.SandboxLock;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A stranger on the underlay of a launched fleet of three, knowing every address and port and
 * not the password, tries what issue 14's attacker did (join Hazelcast, send host2 an expose on
 * the event bus) and more: each attempt is dropped at the door, and nothing changes on any host.
 */
class OutsiderIT {

  private static Sandbox sandbox;
  private static List<SandboxHost> hosts;
  private static Outsider outsider;

  @BeforeAll
  static void launchTheFleet() {
    SandboxLock.holdForThisProcess(line -> System.out.println("sandbox: " + line));
    sandbox = new Sandbox(Sandbox.DEFAULT_STATE_ROOT, line -> System.out.println("sandbox: " + line));
    hosts = sandbox.up(3, AgentImage.fromBuildTree(Path.of(System.getProperty("weft.home"))));
    ChainLaunch.launch(hosts);
    outsider = Outsider.join();
  }

  @AfterAll
  static void down() {
    if (outsider != null) {
      outsider.close();
    }
    sandbox.down();
  }

  @Test
  void aStrangerJoinsNeitherAsAMemberNorAsAClient() {
    for (String mode : List.of("hazelcast-member", "hazelcast-client")) {
      JsonObject outcome = outsider.rogue(mode, hosts.get(0).address());
      System.out.println("ROGUE " + outcome.encode());
      assertFalse(outcome.getBoolean("accepted"), outcome.encode());
    }
    theFleetIsAsItWas();
  }

  @Test
  void aStrangersEventBusCommandIsNeverCarriedOut() {
    SandboxHost host2 = hosts.get(1);
    for (String mode : List.of("bus-plain", "bus-tls-nocert", "bus-tls-othercert")) {
      JsonObject outcome = outsider.rogue(mode, host2.address(), host2.name());
      System.out.println("ROGUE " + outcome.encode());
      assertFalse(outcome.getBoolean("accepted"), outcome.encode());
    }
    String bridge = HostProcess.of("ip", "-n", host2.name(), "addr", "show", "dev", "weft").run();
    assertFalse(bridge.contains("10.201.0.1"), bridge);
    theFleetIsAsItWas();
  }

  @Test
  void strangersAreDroppedAtTheHandshakeWithinSeconds() {
    for (String mode : List.of("gateway-plain", "gateway-tls-nocert", "gateway-tls-othercert")) {
      JsonObject outcome = outsider.rogue(mode, hosts.get(2).address());
      System.out.println("ROGUE " + outcome.encode());
      assertFalse(outcome.getBoolean("accepted"), outcome.encode());
      assertTrue(outcome.getLong("millis", 0L) < 5000, outcome.encode());
    }
    theFleetIsAsItWas();
  }

  @Test
  void aLocalUserReachesNoHazelcast() {
    SandboxHost host1 = hosts.get(0);
    // no listener of the agent's on loopback but its API and metrics, and Hazelcast on the
    // underlay address alone
    String listening = HostProcess.of("ip", "netns", "exec", host1.name(), "ss", "-Hltn").run();
    assertFalse(listening.matches("(?s).*127\\.\\d+\\.\\d+\\.\\d+:16\\d\\d\\d.*"), listening);
    // a JVM's socket is dual-stack: ss shows the IPv4 address mapped, [::ffff:A]:6783
    assertTrue(listening.contains(host1.address() + ":6783")
        || listening.contains("[::ffff:" + host1.address() + "]:6783"), listening);
    assertFalse(listening.contains("*:6783") || listening.contains("0.0.0.0:6783"), listening);
    // an ordinary account in host1's network namespace, speaking Hazelcast's protocol to its own
    // host's member port and to another host's, gets no byte of Hazelcast's back
    for (SandboxHost target : List.of(host1, hosts.get(1))) {
      String got = HostProcess.of("nsenter", "--net=" + host1.netnsPath(), "setpriv", "--reuid=65534",
          "--regid=65534", "--clear-groups", "--", "bash", "-c",
          "exec 3<>/dev/tcp/" + target.address() + "/6783 && printf 'HZC\\001' >&3"
              + " && timeout 5 cat <&3 | head -c 64 | od -An -c").runAllowingFailure().stdout();
      System.out.println("LOCAL USER to " + target.name() + ":6783 got: " + got.strip());
      assertFalse(got.contains("H   Z   C"), got);
    }
    theFleetIsAsItWas();
  }

  @Test
  void vxlanFromAStrangerIsDroppedByTheHostsGuard() {
    SandboxHost host2 = hosts.get(1);
    long before = droppedVxlan(host2);
    JsonObject outcome = outsider.rogue("vxlan", host2.address());
    System.out.println("ROGUE " + outcome.encode());
    long after = droppedVxlan(host2);
    assertEquals(before + 1, after, "host2's guard counted the stranger's datagram");
    String guard = HostProcess.of("nsenter", "--net=" + host2.netnsPath(), "nft", "list", "table", "ip", "weft").run();
    for (SandboxHost peer : List.of(hosts.get(0), hosts.get(2))) {
      assertTrue(guard.contains(peer.address()), guard);
    }
    assertFalse(guard.contains(Outsider.ADDRESS), guard);
  }

  private static long droppedVxlan(SandboxHost host) {
    String table = HostProcess.of("nsenter", "--net=" + host.netnsPath(), "nft", "list", "table", "ip", "weft").run();
    Matcher counter = Pattern.compile("counter packets (\\d+)").matcher(table);
    assertTrue(counter.find(), table);
    return Long.parseLong(counter.group(1));
  }

  /** Every host still sees the three, and a command still goes from host1 to host3. */
  private static void theFleetIsAsItWas() {
    Set<String> three = Set.of("host1", "host2", "host3");
    for (SandboxHost host : hosts) {
      try (DockerClient docker = DockerClients.forHost(host.dockerHost())) {
        Set<String> names = new TreeSet<>();
        new AgentPeers(docker).view().getJsonArray("peers")
            .forEach(p -> names.add(((JsonObject) p).getString("name")));
        assertEquals(three, names, host.name());
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
    System.setProperty(DockerClients.HOST_PROPERTY, hosts.get(0).dockerHost());
    try {
      assertEquals(0, WeftCli.run("--host", "host3", "status"));
    } finally {
      System.clearProperty(DockerClients.HOST_PROPERTY);
    }
  }
}
