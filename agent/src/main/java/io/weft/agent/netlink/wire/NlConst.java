package io.weft.agent.netlink.wire;

/** The netlink core: header message types, header flags, socket constants (linux/netlink.h). */
public final class NlConst {

  private NlConst() {}

  public static final int AF_NETLINK = 16;
  public static final int NETLINK_ROUTE = 0;
  public static final int NETLINK_NETFILTER = 12;
  public static final int SOL_NETLINK = 270;
  public static final int NETLINK_EXT_ACK = 11;

  public static final int NLMSG_HDRLEN = 16;

  // control message types
  public static final int NLMSG_NOOP = 1;
  public static final int NLMSG_ERROR = 2;
  public static final int NLMSG_DONE = 3;
  public static final int NLMSG_OVERRUN = 4;
  /** The first type a protocol may use for its own messages. */
  public static final int NLMSG_MIN_TYPE = 0x10;

  // flags of every request
  public static final int NLM_F_REQUEST = 0x01;
  public static final int NLM_F_MULTI = 0x02;
  public static final int NLM_F_ACK = 0x04;
  public static final int NLM_F_DUMP_INTR = 0x10;

  // flags of GET requests
  public static final int NLM_F_ROOT = 0x100;
  public static final int NLM_F_MATCH = 0x200;
  public static final int NLM_F_DUMP = NLM_F_ROOT | NLM_F_MATCH;

  // flags of NEW requests
  public static final int NLM_F_REPLACE = 0x100;
  public static final int NLM_F_EXCL = 0x200;
  public static final int NLM_F_CREATE = 0x400;
  public static final int NLM_F_APPEND = 0x800;

  // flags of acknowledgements
  public static final int NLM_F_CAPPED = 0x100;
  public static final int NLM_F_ACK_TLVS = 0x200;

  // extended-ack attributes (enum nlmsgerr_attrs)
  public static final int NLMSGERR_ATTR_MSG = 1;
  public static final int NLMSGERR_ATTR_OFFS = 2;

  // attribute type bits
  public static final int NLA_F_NESTED = 0x8000;
  public static final int NLA_F_NET_BYTEORDER = 0x4000;
  public static final int NLA_TYPE_MASK = ~(NLA_F_NESTED | NLA_F_NET_BYTEORDER) & 0xffff;

  /** Rounds up to the 4-byte alignment of netlink headers and attributes. */
  public static int align(int len) {
    return (len + 3) & ~3;
  }
}
