package io.weft.common.agent;

/**
 * weft as a Docker network and IPAM plugin: where the agent serves it and the names Docker
 * knows it by. The launcher binds the host's plugins folder into the agent's container; the
 * agent listens there and makes its host's network.
 */
public final class PluginContract {

  /** Where Docker looks for the sockets of legacy plugins, on the host and in the agent alike. */
  public static final String DIR = "/run/docker/plugins";
  /** The driver's name, for {@code --driver} and {@code --ipam-driver}: the socket is {@code weft.sock}. */
  public static final String DRIVER = "weft";
  /** The network every host of the fleet has, over the whole range. */
  public static final String NETWORK = "weft";

  private PluginContract() {}

  public static String socket() {
    return DIR + "/" + DRIVER + ".sock";
  }
}
