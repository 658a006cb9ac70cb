package io.weft.agent.netlink;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * A fresh network namespace for one root test, made and removed with {@code ip netns}, and the
 * independent checks: {@code ip -j} / {@code bridge -j} output parsed as JSON.
 */
final class TestNamespace implements AutoCloseable {

  final String name;

  private TestNamespace(String name) {
    this.name = name;
  }

  /** Skips the calling test unless it runs as root on a machine where netlink is available. */
  static void assumeRoot() {
    assumeTrue(isRoot(), "needs root");
    assumeTrue(Netlink.isAvailable(), () -> "netlink unavailable: " + Netlink.unavailabilityCause());
  }

  static TestNamespace create() {
    String name = "weft-t-" + UUID.randomUUID().toString().substring(0, 8);
    run("ip", "netns", "add", name);
    return new TestNamespace(name);
  }

  /** {@code ip -n NS -j ARGS...} as JSON; {@code ip -d} detail when {@code args[0]} is "-d". */
  JsonArray ip(String... args) {
    List<String> cmd = new ArrayList<>(List.of("ip", "-n", name, "-j"));
    cmd.addAll(List.of(args));
    return parse(run(cmd.toArray(String[]::new)));
  }

  JsonArray bridge(String... args) {
    List<String> cmd = new ArrayList<>(List.of("bridge", "-n", name, "-j"));
    cmd.addAll(List.of(args));
    return parse(run(cmd.toArray(String[]::new)));
  }

  /** The link named {@code link} as {@code ip -d -j link show} reports it, or null. */
  JsonObject link(String link) {
    for (Object o : ip("-d", "link", "show")) {
      JsonObject j = (JsonObject) o;
      if (link.equals(j.getString("ifname"))) {
        return j;
      }
    }
    return null;
  }

  /** Names of all links in the namespace. */
  List<String> linkNames() {
    List<String> out = new ArrayList<>();
    for (Object o : ip("link", "show")) {
      out.add(((JsonObject) o).getString("ifname"));
    }
    return out;
  }

  /** Runs {@code sh -c CMD} inside the namespace and returns its output. */
  String exec(String... cmd) {
    List<String> c = new ArrayList<>(List.of("ip", "netns", "exec", name));
    c.addAll(List.of(cmd));
    return run(c.toArray(String[]::new)).trim();
  }

  /**
   * A process that lives inside namespace {@code netns} until destroyed. It prints a line once
   * it is in there (ip netns exec enters first, then execs the shell), which this waits for.
   */
  static Process startInside(String netns) throws IOException {
    Process p = new ProcessBuilder("ip", "netns", "exec", netns, "sh", "-c", "echo in; exec sleep 60").start();
    if (p.getInputStream().read() != 'i') {
      p.destroyForcibly();
      throw new IllegalStateException("process in " + netns + " did not start");
    }
    return p;
  }

  private static JsonArray parse(String out) {
    return out.isBlank() ? new JsonArray() : new JsonArray(out);
  }

  static String run(String... cmd) {
    try {
      Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
      String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      if (p.waitFor() != 0) {
        throw new IllegalStateException(String.join(" ", cmd) + " failed: " + out);
      }
      return out;
    } catch (IOException e) {
      throw new IllegalStateException(String.join(" ", cmd), e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  static boolean isRoot() {
    try {
      return Files.readAllLines(Path.of("/proc/self/status")).stream()
          .anyMatch(l -> l.startsWith("Uid:") && l.split("\\s+")[1].equals("0"));
    } catch (IOException e) {
      return false;
    }
  }

  @Override
  public void close() {
    run("ip", "netns", "del", name);
  }
}
