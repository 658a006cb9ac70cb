package io.weft.common.agent;

/**
 * weft as a Docker network and IPAM plugin: the names Docker knows it by, and where each part
 * listens. Docker talks to a managed plugin of weft's ({@value #PLUGIN}, made from the agent
 * image's {@value #ROOTFS} through the Engine API), which Docker starts before it restores its
 * containers; that plugin serves the driver {@value #DRIVER} on {@link #dockerSocket()} and hands
 * each call to the agent, which listens on {@link #socket()} in a folder of the same plugins
 * folder that the launcher binds into the agent's container.
 */
public final class PluginContract {

  /** Where Docker looks for the sockets of plugins by name, on the host and in the agent alike. */
  public static final String DIR = "/run/docker/plugins";
  /** The driver's name, for {@code --driver} and {@code --ipam-driver}. */
  public static final String DRIVER = "weft";
  /** The network every host of the fleet has, over the whole range. */
  public static final String NETWORK = "weft";
  /** The address space weft's IPAM driver names its pools in. */
  public static final String ADDRESS_SPACE = "weft";
  /**
   * The managed plugin's name ({@code docker plugin ls} shows {@code weft-plugin:latest}). Not
   * {@value #DRIVER}: Docker looks a driver's name up among managed plugins first, tag added, and
   * a managed plugin registers its drivers under its tagged name, which no network names.
   */
  public static final String PLUGIN = "weft-plugin";
  /** Where the plugin's root file system is in the agent image. */
  public static final String ROOTFS = "/opt/weft/plugin-rootfs";
  /** Where the plugin sees the host's {@link #DIR}. */
  public static final String PLUGIN_HOST_DIR = "/host-plugins";
  /** The socket Docker dials to know the managed plugin is up, in the plugin's own folder. */
  public static final String MANAGED_SOCKET = "weft.sock";
  /** The agent's socket, relative to {@link #DIR}: a folder no name lookup of Docker's looks in. */
  public static final String AGENT_SOCKET = "weft-agent/agent.sock";
  /**
   * How long after the plugin starts it lets Docker's calls wait for the agent, when the agent
   * has not answered yet: the engine is starting, and starts the agent beside the containers
   * that wait. Well under Docker's patience with a plugin, well over an agent's start.
   */
  public static final int BOOT_WAIT_SECONDS = 45;

  private PluginContract() {}

  /** Where the agent serves the plugin's calls, on the host and in the agent's container. */
  public static String socket() {
    return DIR + "/" + AGENT_SOCKET;
  }

  /** Where Docker finds the driver {@value #DRIVER}: the managed plugin listens there. */
  public static String dockerSocket() {
    return DIR + "/" + DRIVER + ".sock";
  }
}
