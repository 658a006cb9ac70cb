package io.weft.bench.security;

import io.vertx.core.json.JsonObject;
import io.weft.common.process.HostProcess;
import io.weft.common.process.ProcessResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * A stranger on the sandbox's underlay: a network namespace of its own with a veth whose other
 * end is a port of the underlay bridge, at an address above the hosts'. It knows the hosts'
 * addresses and weft's ports, and not the fleet's password. {@link #rogue} runs a {@link Rogue}
 * there, in a JVM of its own.
 */
public final class Outsider implements AutoCloseable {

  public static final String NAMESPACE = "weft-outsider";
  public static final String ADDRESS = "172.29.0.200";
  private static final String LINK = "wout-rogue";
  private static final String BRIDGE = "weft-ul";

  private Outsider() {}

  /** Puts the outsider on the underlay, clearing one an earlier run left. */
  public static Outsider join() {
    remove();
    ip("netns", "add", NAMESPACE);
    ip("link", "add", LINK, "type", "veth", "peer", "name", "eth0", "netns", NAMESPACE);
    ip("link", "set", LINK, "master", BRIDGE, "up");
    ip("-n", NAMESPACE, "addr", "add", ADDRESS + "/24", "dev", "eth0");
    ip("-n", NAMESPACE, "link", "set", "eth0", "up");
    ip("-n", NAMESPACE, "link", "set", "lo", "up");
    return new Outsider();
  }

  /** Runs {@code Rogue ARGS} in the outsider's namespace and reads its outcome. */
  public JsonObject rogue(String... args) {
    List<String> command = new ArrayList<>(List.of("nsenter", "--net=/run/netns/" + NAMESPACE,
        Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xmx128m",
        "-cp", System.getProperty("java.class.path"), Rogue.class.getName()));
    command.addAll(List.of(args));
    ProcessResult run = HostProcess.of(command.toArray(String[]::new)).timeoutSeconds(120).runAllowingFailure();
    return Rogue.parse(run.stdout() + "\n" + run.stderr());
  }

  @Override
  public void close() {
    remove();
  }

  private static void remove() {
    if (Files.exists(Path.of("/sys/class/net", LINK))) {
      HostProcess.of("ip", "link", "del", LINK).runAllowingFailure();
    }
    if (Files.exists(Path.of("/run/netns", NAMESPACE))) {
      HostProcess.of("ip", "netns", "del", NAMESPACE).runAllowingFailure();
    }
  }

  private static void ip(String... args) {
    String[] command = new String[args.length + 1];
    command[0] = "ip";
    System.arraycopy(args, 0, command, 1, args.length);
    HostProcess.of(command).run();
  }
}
