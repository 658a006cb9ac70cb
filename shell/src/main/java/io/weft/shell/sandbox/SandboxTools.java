package io.weft.shell.sandbox;

import io.weft.common.process.HostProcess;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/** Installs, from the machine's Debian packages, the programs a sandbox needs, when missing. */
final class SandboxTools {

  // program -> the Debian package that brings it
  private static final Map<String, String> NEEDED = Map.of(
      "dockerd", "docker.io",
      "debootstrap", "debootstrap",
      "ip", "iproute2",
      "iptables", "iptables",
      "nft", "nftables",
      "nsenter", "util-linux");

  private SandboxTools() {}

  static void ensureInstalled(Consumer<String> progress) {
    List<String> missing = NEEDED.entrySet().stream()
        .filter(e -> !HostProcess.onPath(e.getKey()))
        .map(Map.Entry::getValue)
        .distinct().sorted().toList();
    if (missing.isEmpty()) {
      return;
    }
    if (!HostProcess.onPath("apt-get")) {
      throw new IllegalStateException("missing " + String.join(", ", missing)
          + " and no apt-get to install them: install them, then try again");
    }
    progress.accept("installing " + String.join(" ", missing));
    HostProcess.of("apt-get", "update", "-qq").timeoutSeconds(300).run();
    HostProcess.of(concat(List.of("env", "DEBIAN_FRONTEND=noninteractive", "apt-get", "install",
        "-y", "-qq", "--no-install-recommends"), missing)).timeoutSeconds(900).run();
  }

  private static List<String> concat(List<String> a, List<String> b) {
    return java.util.stream.Stream.concat(a.stream(), b.stream()).toList();
  }
}
