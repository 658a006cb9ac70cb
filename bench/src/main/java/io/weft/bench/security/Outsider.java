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

  private final String namespace;
  private final String link;

  private Outsider(String namespace, String link) {
    this.namespace = namespace;
    this.link = link;
  }

  /** Puts the outsider on the underlay, clearing one an earlier run left. */
  public static Outsider join() {
    return join(NAMESPACE, ADDRESS, LINK);
  }

  /**
   * Another stranger, of a namespace, an address and a link of its own (so that two tests that
   * run side by side each have theirs), clearing one an earlier run left.
   */
  public static Outsider join(String namespace, String address, String link) {
    remove(namespace, link);
    ip("netns", "add", namespace);
    ip("link", "add", link, "type", "veth", "peer", "name", "eth0", "netns", namespace);
    ip("link", "set", link, "master", BRIDGE, "up");
    ip("-n", namespace, "addr", "add", address + "/24", "dev", "eth0");
    ip("-n", namespace, "link", "set", "eth0", "up");
    ip("-n", namespace, "link", "set", "lo", "up");
    return new Outsider(namespace, link);
  }

  /** The outsider's network namespace, by name. */
  public String namespace() {
    return namespace;
  }

  /** Runs {@code Rogue ARGS} in the outsider's namespace and reads its outcome. */
  public JsonObject rogue(String... args) {
    List<String> command = new ArrayList<>(List.of("nsenter", "--net=/run/netns/" + namespace,
        Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xmx128m",
        "-cp", System.getProperty("java.class.path"), Rogue.class.getName()));
    command.addAll(List.of(args));
    ProcessResult run = HostProcess.of(command.toArray(String[]::new)).timeoutSeconds(120).runAllowingFailure();
    return Rogue.parse(run.stdout() + "\n" + run.stderr());
  }

  @Override
  public void close() {
    remove(namespace, link);
  }

  private static void remove(String namespace, String link) {
    if (Files.exists(Path.of("/sys/class/net", link))) {
      HostProcess.of("ip", "link", "del", link).runAllowingFailure();
    }
    if (Files.exists(Path.of("/run/netns", namespace))) {
      HostProcess.of("ip", "netns", "del", namespace).runAllowingFailure();
    }
  }

  private static void ip(String... args) {
    String[] command = new String[args.length + 1];
    command[0] = "ip";
    System.arraycopy(args, 0, command, 1, args.length);
    HostProcess.of(command).run();
  }
}
