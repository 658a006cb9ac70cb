package io.weft.agent.netlink;

/**
 * What every link has. When creating, 0 / null / false mean "kernel default"; when listing, the
 * fields hold what the kernel reported.
 *
 * @param index ifindex, 0 when not yet known
 * @param name the interface name
 * @param mtu the MTU, 0 for the default
 * @param mac the hardware address, null for a random one
 * @param up whether IFF_UP is set
 * @param masterIndex ifindex of the bridge it is enslaved to, 0 for none
 * @param operState IF_OPER_* as reported (0 unknown, 2 down, 6 up), -1 when creating
 */
public record LinkAttrs(int index, String name, int mtu, MacAddress mac, boolean up, int masterIndex, int operState) {

  public static LinkAttrs named(String name) {
    return new LinkAttrs(0, name, 0, null, false, 0, -1);
  }

  public LinkAttrs withMtu(int mtu) {
    return new LinkAttrs(index, name, mtu, mac, up, masterIndex, operState);
  }

  public LinkAttrs withMac(MacAddress mac) {
    return new LinkAttrs(index, name, mtu, mac, up, masterIndex, operState);
  }

  public LinkAttrs withUp(boolean up) {
    return new LinkAttrs(index, name, mtu, mac, up, masterIndex, operState);
  }

  public LinkAttrs withMaster(int masterIndex) {
    return new LinkAttrs(index, name, mtu, mac, up, masterIndex, operState);
  }
}
