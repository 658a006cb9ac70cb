package io.weft.common.agent;

/**
 * The agent's state volume: where it is mounted in the agent's container and the files in it that
 * the command line reads or edits through Docker's exec. The agent and the command line both
 * take these names from here.
 */
public final class AgentState {

  /** The named volume the agent keeps its state in, so it outlives the container. */
  public static final String VOLUME = "weft-state";
  /** Where the volume is mounted in the agent's container. */
  public static final String DIR = "/var/lib/weft";
  /** Peers added by {@code weft connect}, one a line; the agent reads it every second. */
  public static final String CONNECT_FILE = "connect-peers";
  /** Every peer the agent has seen, so a restarted agent finds its fleet again. */
  public static final String SEEN_FILE = "peers.json";
  /** The peer table as the agent last saw it; {@code weft peers} prints it. */
  public static final String VIEW_FILE = "peers-view.json";
  /**
   * The fleet password ({@link FleetPassword}), mode 0600: written into the volume by {@code
   * weft launch} through the Docker API's archive upload before the agent first starts, so it is
   * never in the container's environment, its command line or anything {@code docker inspect}
   * shows.
   */
  public static final String PASSWORD_FILE = "fleet-password";
  /** The DNS records this host added with {@code weft dns-add}, kept across restarts. */
  public static final String DNS_FILE = "dns-records.json";
  /** This host's WireGuard private key, base64, mode 0600: made by the agent at its first start. */
  public static final String WIREGUARD_KEY_FILE = "wireguard-key";
  /**
   * The data plane between hosts as the agent last found it: its WireGuard, the MTUs, each
   * other host's path (direct or relayed, encrypted or not); {@code weft peers} and {@code weft
   * status} read it.
   */
  public static final String WIRE_VIEW_FILE = "wire-view.json";
  /** The fleet's data-plane choice as this host learnt it ({@code {"encrypt": true}}). */
  public static final String WIRE_FILE = "wire.json";
  /**
   * Put there by {@code weft stop} before it stops the agent: the host leaves the fleet for good,
   * so the agent takes its data plane out of the fleet too. Any other stop (a restart, a crash, an
   * upgrade) leaves the traffic flowing.
   */
  public static final String LEAVING_FILE = "leaving";
  /**
   * The bridge credentials the fleet issued and revoked, as this host last knew them: a host that
   * restarts alone still refuses what was revoked.
   */
  public static final String CREDENTIALS_FILE = "credentials.json";

  private AgentState() {}

  /** A file of the state volume as the agent's container sees it. */
  public static String path(String file) {
    return DIR + "/" + file;
  }
}
