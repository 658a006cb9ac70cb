package io.weft.agent.netlink;

/**
 * Per-interface IPv4 settings, the {@code net.ipv4.conf.IFACE.*} sysctls, by their IPV4_DEVCONF_*
 * number, so they can be set through rtnetlink: that works from a container, where /proc/sys is
 * read-only, and acts in the handle's namespace without a thread entering it.
 */
public enum Ipv4Setting {
  FORWARDING(1),
  PROXY_ARP(3),
  RP_FILTER(8),
  ARP_ANNOUNCE(18),
  ARP_IGNORE(19),
  ARP_ACCEPT(21),
  /** Send gratuitous ARP when the link comes up or its address changes. */
  ARP_NOTIFY(22);

  private final int devconf;

  Ipv4Setting(int devconf) {
    this.devconf = devconf;
  }

  public int devconf() {
    return devconf;
  }

  /** The sysctl's name under /proc/sys/net/ipv4/conf/IFACE/. */
  public String sysctlName() {
    return name().toLowerCase(java.util.Locale.ROOT);
  }
}
