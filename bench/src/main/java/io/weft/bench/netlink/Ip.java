package io.weft.bench.netlink;

import java.io.IOException;
import java.nio.charset.StandardCharsets;

/** Runs one {@code ip} process, the baseline the library is measured against. */
final class Ip {

  private Ip() {}

  static void run(String... args) {
    String[] cmd = new String[args.length + 1];
    cmd[0] = "ip";
    System.arraycopy(args, 0, cmd, 1, args.length);
    try {
      Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
      String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      if (p.waitFor() != 0) {
        throw new IllegalStateException(String.join(" ", cmd) + " failed: " + out.trim());
      }
    } catch (IOException e) {
      throw new IllegalStateException(String.join(" ", cmd), e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted: " + String.join(" ", cmd), e);
    }
  }

  /** Like {@link #run} but ignores failure: for clearing what may not exist. */
  static void quietly(String... args) {
    try {
      run(args);
    } catch (IllegalStateException ignored) {
      // nothing to clear
    }
  }
}
