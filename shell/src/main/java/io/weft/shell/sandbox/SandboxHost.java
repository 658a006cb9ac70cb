package io.weft.shell.sandbox;

import java.nio.file.Path;

/**
 * One Docker host of the sandbox: a network namespace named after it, with its own hostname,
 * mount namespace and Docker engine, on the underlay at {@code 172.29.0.(10+index)}.
 */
public record SandboxHost(int index, Path stateRoot) {

  public static final int ENGINE_PORT = 2375;
  static final String UNDERLAY_LINK_PREFIX = "wul-";

  public String name() {
    return "host" + index;
  }

  public String address() {
    return SandboxNetwork.UNDERLAY_PREFIX + (10 + index);
  }

  /** The engine's address as {@code DOCKER_HOST} takes it. */
  public String dockerHost() {
    return "tcp://" + address() + ":" + ENGINE_PORT;
  }

  /** The host's root-namespace end of its underlay link. */
  public String underlayLink() {
    return UNDERLAY_LINK_PREFIX + name();
  }

  public Path netnsPath() {
    return Path.of("/run/netns", name());
  }

  public Path dir() {
    return stateRoot.resolve(name());
  }

  /** Mounted over /run inside the host, so the engine's socket sits at the usual path there. */
  public Path runDir() {
    return dir().resolve("run");
  }

  /**
   * Mounted over /etc/docker inside the host, so its engine keeps an identity of its own (the
   * key behind {@code docker info}'s ID) across restarts, as a real host keeps its disk.
   */
  public Path etcDir() {
    return dir().resolve("etc-docker");
  }

  public Path dataRoot() {
    return dir().resolve("data");
  }

  public Path socket() {
    return runDir().resolve("docker.sock");
  }

  public Path pidFile() {
    return runDir().resolve("docker.pid");
  }

  public Path log() {
    return dir().resolve("docker.log");
  }

  /** The engine's settings file ({@code daemon.json}), read at each of its starts. */
  public Path engineSettings() {
    return dir().resolve("daemon.json");
  }

  /** Parses {@code hostN}; null when the name is not of that form. */
  public static Integer indexOf(String name) {
    if (name.matches("host[1-9][0-9]{0,2}")) {
      return Integer.parseInt(name.substring(4));
    }
    return null;
  }
}
