package io.weft.shell.sandbox;

import io.weft.common.process.HostProcess;
import io.weft.common.process.ProcessResult;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The underlay: one bridge in the machine's root namespace joining every sandbox host. The root
 * namespace holds {@code .1} so that tools on the machine reach the engines; no host has a
 * default route, so nothing in the sandbox reaches past this subnet.
 */
final class SandboxNetwork {

  static final String BRIDGE = "weft-ul";
  static final String UNDERLAY_PREFIX = "172.29.0.";
  static final String ROOT_ADDRESS = UNDERLAY_PREFIX + "1/24";
  static final int PREFIX_LENGTH = 24;

  private static final Path BRIDGE_NETFILTER = Path.of("/proc/sys/net/bridge/bridge-nf-call-iptables");
  private static final String[] FORWARD_RULE = {"FORWARD", "-i", BRIDGE, "-o", BRIDGE, "-j", "ACCEPT"};

  private SandboxNetwork() {}

  static boolean bridgeExists() {
    return Files.exists(Path.of("/sys/class/net", BRIDGE));
  }

  static void createBridge() {
    ip("link", "add", BRIDGE, "type", "bridge");
    ip("addr", "add", ROOT_ADDRESS, "dev", BRIDGE);
    ip("link", "set", BRIDGE, "up");
    // With bridge netfilter on (a Docker engine in the root namespace turns it on and sets the
    // FORWARD policy to DROP), frames between two hosts would be filtered; let them pass.
    if (Files.exists(BRIDGE_NETFILTER) && HostProcess.onPath("iptables")) {
      if (iptables("-C").exitCode() != 0) {
        iptables("-I");
      }
    }
  }

  static void removeBridge() {
    if (HostProcess.onPath("iptables")) {
      while (iptables("-C").exitCode() == 0) {
        iptables("-D");
      }
    }
    if (bridgeExists()) {
      ip("link", "del", BRIDGE);
    }
  }

  static void addHost(SandboxHost host) {
    String ns = host.name();
    ip("netns", "add", ns);
    ip("link", "add", host.underlayLink(), "type", "veth", "peer", "name", "eth0", "netns", ns);
    ip("link", "set", host.underlayLink(), "master", BRIDGE, "up");
    ip("-n", ns, "addr", "add", host.address() + "/" + PREFIX_LENGTH, "dev", "eth0");
    ip("-n", ns, "link", "set", "eth0", "up");
    ip("-n", ns, "link", "set", "lo", "up");
  }

  /**
   * The underlay's MTU: each host's link at both ends, then the bridge, which takes no more than
   * its ports do.
   */
  static void setMtu(java.util.List<SandboxHost> hosts, int mtu) {
    for (SandboxHost host : hosts) {
      setLinkMtu(host, mtu);
    }
    ip("link", "set", BRIDGE, "mtu", String.valueOf(mtu));
  }

  /** One host's underlay link at both ends; the bridge as it is. */
  static void setLinkMtu(SandboxHost host, int mtu) {
    String m = String.valueOf(mtu);
    ip("link", "set", host.underlayLink(), "mtu", m);
    ip("-n", host.name(), "link", "set", "eth0", "mtu", m);
  }

  /**
   * What a reboot leaves of the host's network: its underlay link and loopback. Every other
   * link (weft's bridge and VXLAN device, veths) is deleted.
   */
  static void resetHost(SandboxHost host) {
    String out = HostProcess.of("ip", "-n", host.name(), "-o", "link", "show").run();
    for (String line : out.split("\n")) {
      String[] fields = line.split(":\\s+");
      if (fields.length < 2) {
        continue;
      }
      String name = fields[1].split("@")[0].strip();
      if (!name.equals("lo") && !name.equals("eth0")) {
        HostProcess.of("ip", "-n", host.name(), "link", "del", name).runAllowingFailure();
      }
    }
  }

  static void removeHost(SandboxHost host) {
    // The link first: deleting a namespace frees its links later, in the kernel's own time.
    if (Files.exists(Path.of("/sys/class/net", host.underlayLink()))) {
      HostProcess.of("ip", "link", "del", host.underlayLink()).runAllowingFailure();
    }
    if (Files.exists(host.netnsPath())) {
      ip("netns", "del", host.name());
    }
  }

  private static void ip(String... args) {
    String[] command = new String[args.length + 1];
    command[0] = "ip";
    System.arraycopy(args, 0, command, 1, args.length);
    HostProcess.of(command).run();
  }

  private static ProcessResult iptables(String action) {
    String[] command = new String[FORWARD_RULE.length + 3];
    command[0] = "iptables";
    command[1] = "-w";
    command[2] = action;
    System.arraycopy(FORWARD_RULE, 0, command, 3, FORWARD_RULE.length);
    return HostProcess.of(command).runAllowingFailure();
  }
}
