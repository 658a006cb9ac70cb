package io.weft.shell.fleet;

import io.weft.common.process.HostProcess;

/** Programs a test runs as users would, installed from the machine's Debian packages when missing. */
final class TestTools {

  private TestTools() {}

  static void ensure(String program, String debianPackage) {
    if (HostProcess.onPath(program)) {
      return;
    }
    HostProcess.of("apt-get", "update", "-qq").timeoutSeconds(300).run();
    HostProcess.of("env", "DEBIAN_FRONTEND=noninteractive", "apt-get", "install", "-y", "-qq",
        "--no-install-recommends", debianPackage).timeoutSeconds(900).run();
  }
}
