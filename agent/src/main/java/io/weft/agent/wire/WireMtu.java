package io.weft.agent.wire;

/**
 * The MTUs that follow from the underlay's: what VXLAN and WireGuard add to each packet is taken
 * off, so that a container's largest packet still fits the underlay whole (never fragmented,
 * never dropped without a word).
 *
 * @param underlay the underlay interface's MTU
 * @param bridge the bridge's, the VXLAN device's and every container's MTU
 * @param wireguard the WireGuard device's MTU: what one encrypted datagram can carry
 */
public record WireMtu(int underlay, int bridge, int wireguard) {

  /** VXLAN over IPv4: outer IPv4 20, UDP 8, VXLAN 8, the inner Ethernet header 14. */
  public static final int VXLAN_OVERHEAD = 50;
  /** WireGuard over IPv4: outer IPv4 20, UDP 8, its data header 16 and tag 16. */
  public static final int WIREGUARD_OVERHEAD = 60;
  /** The smallest MTU weft gives containers: IPv4's minimum datagram every host must take. */
  public static final int SMALLEST = 576;

  /**
   * @param encrypt whether every pair of this host goes through WireGuard
   * @param given the MTU {@code weft launch --mtu} asked for, 0 for none
   */
  public static WireMtu of(int underlay, boolean encrypt, int given) {
    int wireguard = underlay - WIREGUARD_OVERHEAD;
    int fits = (encrypt ? wireguard : underlay) - VXLAN_OVERHEAD;
    return new WireMtu(underlay, given > 0 ? given : Math.max(SMALLEST, fits), wireguard);
  }
}
