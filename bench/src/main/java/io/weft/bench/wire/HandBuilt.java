package io.weft.bench.wire;

import io.weft.common.process.HostProcess;
import io.weft.docker.image.AgentImage;
import io.weft.shell.sandbox.SandboxHost;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The references, made by hand with {@code ip}, {@code bridge} and {@code wg} between the same two
 * sandbox hosts: a namespace on each, joined by a kernel VXLAN (as weft's plain data plane), and
 * the same over a wireguard-go tunnel of its own (as weft's encrypted one; wireguard-go in a
 * container on each host's engine, as weft's), with weft's MTUs.
 */
final class HandBuilt implements AutoCloseable {

  private static final int MTU_VXLAN_PLAIN = 1450;
  private static final int MTU_WG = 1440;
  private static final int MTU_VXLAN_SEALED = 1390;
  private static final int WG_PORT = 6790;
  /** Where wg looks for UAPI sockets on this machine. */
  private static final Path UAPI_DIR = Path.of("/var/run/wireguard");

  private final SandboxHost a;
  private final SandboxHost b;
  /** The wireguard-go containers made: engine, name. */
  private final List<List<String>> containers = new ArrayList<>();
  /** The links made where wg looks for UAPI sockets on this machine. */
  private final List<Path> links = new ArrayList<>();

  private HandBuilt(SandboxHost a, SandboxHost b) {
    this.a = a;
    this.b = b;
  }

  /** Two namespaces {@code ref-HOST} on a hand-made VXLAN between the hosts' underlay addresses. */
  static HandBuilt vxlan(SandboxHost a, SandboxHost b) {
    HandBuilt built = new HandBuilt(a, b);
    built.vxlanEnd(a, a.address(), b.address(), "10.99.0.1/24", MTU_VXLAN_PLAIN);
    built.vxlanEnd(b, b.address(), a.address(), "10.99.0.2/24", MTU_VXLAN_PLAIN);
    return built;
  }

  /**
   * The same over a hand-made wireguard-go tunnel: an instance of its own on each host ({@code
   * wgref1}, {@code wgref2}, addresses 10.98.0.1 and .2), VXLAN between those addresses.
   */
  static HandBuilt overWireGuard(SandboxHost a, SandboxHost b) throws IOException {
    HandBuilt built = new HandBuilt(a, b);
    String keyA = run("wg", "genkey").strip();
    String keyB = run("wg", "genkey").strip();
    built.wireguardEnd(a, "wgref1", keyA, "10.98.0.1/24", pub(keyB), b.address(), "10.98.0.2/32");
    built.wireguardEnd(b, "wgref2", keyB, "10.98.0.2/24", pub(keyA), a.address(), "10.98.0.1/32");
    built.vxlanEnd(a, "10.98.0.1", "10.98.0.2", "10.99.0.1/24", MTU_VXLAN_SEALED);
    built.vxlanEnd(b, "10.98.0.2", "10.98.0.1", "10.99.0.2/24", MTU_VXLAN_SEALED);
    return built;
  }

  /** The server's namespace, then the client's, and the server's address. */
  List<String> server() {
    return List.of("ip", "netns", "exec", "ref-" + b.name());
  }

  List<String> client() {
    return List.of("ip", "netns", "exec", "ref-" + a.name());
  }

  static String serverAddress() {
    return "10.99.0.2";
  }

  private void wireguardEnd(SandboxHost host, String device, String key, String address, String peerKey,
      String peerUnderlay, String peerAllowed) throws IOException {
    // in a container on the host's engine, as weft's own wireguard-go (weft-wg) and as any service
    // on a Docker host: with both cores busy, where the scheduler puts a process weighs on the
    // figure (all containers share the engine's cgroup; a child of this JVM would share the
    // iperf3 processes' group), and the reference must stand where weft's stands
    // the host's /run is its own (docs/sandbox.md): wg on this machine finds the socket through a
    // link; a socket left by the last run's container (removed, not stopped) must not be taken
    // for this one's
    Path socket = host.runDir().resolve("wireguard").resolve(device + ".sock");
    Files.deleteIfExists(socket);
    run("docker", "-H", host.dockerHost(), "run", "-d", "--name", device, "--network", "host",
        "--cap-drop", "ALL", "--cap-add", "NET_ADMIN", "--device", "/dev/net/tun",
        "-v", "/run/wireguard:/var/run/wireguard", "--entrypoint", "wireguard-go",
        AgentImage.REPOSITORY + ":latest", "-f", device);
    containers.add(List.of(host.dockerHost(), device));
    long bound = System.nanoTime() + 10_000_000_000L;
    while (!Files.exists(socket)) {
      if (System.nanoTime() > bound) {
        throw new IllegalStateException("wireguard-go made no " + socket);
      }
      sleep();
    }
    Path link = UAPI_DIR.resolve(device + ".sock");
    Files.createDirectories(UAPI_DIR);
    Files.deleteIfExists(link);
    Files.createSymbolicLink(link, socket);
    links.add(link);
    Path keyFile = Files.createTempFile("wgref", ".key");
    try {
      Files.writeString(keyFile, key + "\n");
      run("ip", "netns", "exec", host.name(), "wg", "set", device, "private-key", keyFile.toString(),
          "listen-port", String.valueOf(WG_PORT), "peer", peerKey, "endpoint", peerUnderlay + ":" + WG_PORT,
          "allowed-ips", peerAllowed);
    } finally {
      Files.deleteIfExists(keyFile);
    }
    run("ip", "-n", host.name(), "addr", "add", address, "dev", device);
    run("ip", "-n", host.name(), "link", "set", device, "mtu", String.valueOf(MTU_WG), "up");
  }

  private void vxlanEnd(SandboxHost host, String local, String remote, String address, int mtu) {
    String ns = "ref-" + host.name();
    String h = host.name();
    run("ip", "netns", "add", ns);
    run("ip", "-n", h, "link", "add", "brref", "mtu", String.valueOf(mtu), "type", "bridge");
    run("ip", "-n", h, "link", "add", "vxref", "mtu", String.valueOf(mtu), "type", "vxlan", "id", "99",
        "local", local, "dstport", "4790", "nolearning");
    run("ip", "-n", h, "link", "set", "vxref", "master", "brref", "up");
    run("ip", "-n", h, "link", "set", "brref", "up");
    run("bridge", "-n", h, "fdb", "append", "00:00:00:00:00:00", "dev", "vxref", "dst", remote);
    run("ip", "-n", h, "link", "add", "vref", "mtu", String.valueOf(mtu), "type", "veth", "peer", "name",
        "eth0", "netns", ns);
    run("ip", "-n", h, "link", "set", "vref", "master", "brref", "up");
    // the peer made in the namespace takes the default 1500, not the mtu given for vref
    run("ip", "-n", ns, "link", "set", "eth0", "mtu", String.valueOf(mtu));
    run("ip", "-n", ns, "addr", "add", address, "dev", "eth0");
    run("ip", "-n", ns, "link", "set", "eth0", "up");
  }

  @Override
  public void close() {
    for (SandboxHost h : List.of(a, b)) {
      HostProcess.of("ip", "netns", "del", "ref-" + h.name()).runAllowingFailure();
      for (String link : List.of("vxref", "brref")) {
        HostProcess.of("ip", "-n", h.name(), "link", "del", link).runAllowingFailure();
      }
    }
    for (List<String> c : containers) {
      HostProcess.of("docker", "-H", c.get(0), "rm", "-f", c.get(1)).runAllowingFailure();
    }
    for (Path link : links) {
      try {
        Files.deleteIfExists(link);
      } catch (IOException e) {
        // a link left in /var/run/wireguard is harmless: made again next time
      }
    }
  }

  private static String pub(String key) throws IOException {
    Process p = new ProcessBuilder("wg", "pubkey").start();
    p.getOutputStream().write((key + "\n").getBytes());
    p.getOutputStream().close();
    return new String(p.getInputStream().readAllBytes()).strip();
  }

  private static String run(String... command) {
    return HostProcess.of(command).run();
  }

  private static void sleep() {
    try {
      Thread.sleep(50); // waiting for wireguard-go's socket, bounded above
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }
}
