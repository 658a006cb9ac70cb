package io.weft.agent.netlink.wire;

/** Link attributes and flags (linux/if_link.h, linux/if.h, linux/veth.h). */
public final class LinkAttr {

  private LinkAttr() {}

  public static final int IFLA_ADDRESS = 1;
  public static final int IFLA_IFNAME = 3;
  public static final int IFLA_MTU = 4;
  public static final int IFLA_LINK = 5;
  public static final int IFLA_MASTER = 10;
  public static final int IFLA_OPERSTATE = 16;
  public static final int IFLA_LINKINFO = 18;
  public static final int IFLA_NET_NS_PID = 19;
  public static final int IFLA_NET_NS_FD = 28;
  public static final int IFLA_EXT_MASK = 29;
  public static final int IFLA_AF_SPEC = 26;
  /** Inside IFLA_AF_SPEC / AF_INET: the interface's IPv4 settings, IPV4_DEVCONF_* keyed. */
  public static final int IFLA_INET_CONF = 1;

  /** IFLA_EXT_MASK bit: leave the statistics out of replies (we never read them). */
  public static final int RTEXT_FILTER_SKIP_STATS = 1 << 3;

  public static final int IFLA_INFO_KIND = 1;
  public static final int IFLA_INFO_DATA = 2;

  public static final int VETH_INFO_PEER = 1;

  public static final int IFLA_VXLAN_ID = 1;
  public static final int IFLA_VXLAN_LINK = 3;
  public static final int IFLA_VXLAN_LOCAL = 4;
  public static final int IFLA_VXLAN_LEARNING = 7;
  public static final int IFLA_VXLAN_PROXY = 11;
  public static final int IFLA_VXLAN_PORT = 15;

  public static final int IFF_UP = 0x1;

  /** IFNAMSIZ less the terminating NUL. */
  public static final int IFNAME_MAX_BYTES = 15;
}
