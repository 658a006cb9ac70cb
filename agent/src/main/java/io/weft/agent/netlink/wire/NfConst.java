package io.weft.agent.netlink.wire;

/**
 * The numbers of nfnetlink and nf_tables (linux/netfilter/nfnetlink.h, nf_tables.h) that weft's
 * rules use. nf_tables wants every number in its attributes in network byte order.
 */
public final class NfConst {

  private NfConst() {}

  public static final int NFNL_SUBSYS_NFTABLES = 10;
  public static final int NFNL_MSG_BATCH_BEGIN = NlConst.NLMSG_MIN_TYPE;
  public static final int NFNL_MSG_BATCH_END = NlConst.NLMSG_MIN_TYPE + 1;
  public static final int NFNETLINK_V0 = 0;

  // enum nf_tables_msg_types
  public static final int NFT_MSG_NEWTABLE = 0;
  public static final int NFT_MSG_GETTABLE = 1;
  public static final int NFT_MSG_DELTABLE = 2;
  public static final int NFT_MSG_NEWCHAIN = 3;
  public static final int NFT_MSG_NEWRULE = 6;
  public static final int NFT_MSG_NEWSET = 9;
  public static final int NFT_MSG_NEWSETELEM = 12;

  public static final int NFPROTO_IPV4 = 2;
  public static final int NF_INET_PRE_ROUTING = 0;
  public static final int NF_INET_LOCAL_IN = 1;
  public static final int NF_INET_FORWARD = 2;
  public static final int NF_INET_LOCAL_OUT = 3;
  public static final int NF_DROP = 0;
  public static final int NF_ACCEPT = 1;

  public static final int NFTA_TABLE_NAME = 1;
  public static final int NFTA_TABLE_FLAGS = 2;

  public static final int NFTA_CHAIN_TABLE = 1;
  public static final int NFTA_CHAIN_NAME = 3;
  public static final int NFTA_CHAIN_HOOK = 4;
  public static final int NFTA_CHAIN_POLICY = 5;
  public static final int NFTA_CHAIN_TYPE = 7;
  public static final int NFTA_HOOK_HOOKNUM = 1;
  public static final int NFTA_HOOK_PRIORITY = 2;

  public static final int NFTA_SET_TABLE = 1;
  public static final int NFTA_SET_NAME = 2;
  public static final int NFTA_SET_FLAGS = 3;
  public static final int NFTA_SET_KEY_TYPE = 4;
  public static final int NFTA_SET_KEY_LEN = 5;
  public static final int NFTA_SET_DATA_TYPE = 6;
  public static final int NFTA_SET_DATA_LEN = 7;
  public static final int NFTA_SET_ID = 10;
  /** A set whose elements map to data: here, to verdicts. */
  public static final int NFT_SET_MAP = 0x8;
  /** The data type of a verdict map's values. */
  public static final int NFT_DATA_VERDICT = 0xffffff00;
  public static final int NFTA_SET_ELEM_LIST_TABLE = 1;
  public static final int NFTA_SET_ELEM_LIST_SET = 2;
  public static final int NFTA_SET_ELEM_LIST_ELEMENTS = 3;
  public static final int NFTA_SET_ELEM_LIST_SET_ID = 4;
  public static final int NFTA_SET_ELEM_KEY = 1;
  public static final int NFTA_SET_ELEM_DATA = 2;
  /** nft's data type number for an IPv4 address, shown by {@code nft list}. */
  public static final int TYPE_IPADDR = 7;

  public static final int NFTA_LIST_ELEM = 1;
  public static final int NFTA_DATA_VALUE = 1;
  public static final int NFTA_DATA_VERDICT = 2;
  public static final int NFTA_VERDICT_CODE = 1;
  public static final int NFTA_VERDICT_CHAIN = 2;
  /** Goes on in the named chain, and back here after it (as a value, -3). */
  public static final int NFT_JUMP = -3;

  public static final int NFTA_RULE_TABLE = 1;
  public static final int NFTA_RULE_CHAIN = 2;
  public static final int NFTA_RULE_EXPRESSIONS = 4;
  public static final int NFTA_EXPR_NAME = 1;
  public static final int NFTA_EXPR_DATA = 2;

  public static final int NFT_REG_VERDICT = 0;
  public static final int NFT_REG_1 = 1;
  public static final int NFT_REG_2 = 2;

  public static final int NFTA_META_DREG = 1;
  public static final int NFTA_META_KEY = 2;
  public static final int NFT_META_IIFNAME = 6;
  public static final int NFT_META_OIFNAME = 7;
  public static final int NFT_META_L4PROTO = 16;
  public static final int NFT_META_SKUID = 10;

  public static final int NFTA_CMP_SREG = 1;
  public static final int NFTA_CMP_OP = 2;
  public static final int NFTA_CMP_DATA = 3;
  public static final int NFT_CMP_EQ = 0;
  public static final int NFT_CMP_NEQ = 1;

  public static final int NFTA_PAYLOAD_DREG = 1;
  public static final int NFTA_PAYLOAD_BASE = 2;
  public static final int NFTA_PAYLOAD_OFFSET = 3;
  public static final int NFTA_PAYLOAD_LEN = 4;
  public static final int NFT_PAYLOAD_NETWORK_HEADER = 1;
  public static final int NFT_PAYLOAD_TRANSPORT_HEADER = 2;

  public static final int NFTA_LOOKUP_SET = 1;
  public static final int NFTA_LOOKUP_SREG = 2;
  public static final int NFTA_LOOKUP_DREG = 3;
  public static final int NFTA_LOOKUP_SET_ID = 4;
  public static final int NFTA_LOOKUP_FLAGS = 5;
  public static final int NFT_LOOKUP_F_INV = 1;

  public static final int NFTA_IMMEDIATE_DREG = 1;
  public static final int NFTA_IMMEDIATE_DATA = 2;

  public static final int NFTA_REJECT_TYPE = 1;
  public static final int NFTA_REJECT_ICMP_CODE = 2;
  public static final int NFT_REJECT_TCP_RST = 1;

  public static final int NFTA_NAT_TYPE = 1;
  public static final int NFTA_NAT_FAMILY = 2;
  public static final int NFTA_NAT_REG_ADDR_MIN = 3;
  public static final int NFTA_NAT_REG_ADDR_MAX = 4;
  public static final int NFTA_NAT_REG_PROTO_MIN = 5;
  public static final int NFTA_NAT_REG_PROTO_MAX = 6;
  public static final int NFTA_NAT_FLAGS = 7;
  public static final int NFT_NAT_DNAT = 1;
  public static final int NF_NAT_RANGE_MAP_IPS = 1;
  public static final int NF_NAT_RANGE_PROTO_SPECIFIED = 2;
  /** The priority of destination NAT in the prerouting and output hooks ({@code dstnat}). */
  public static final int NF_IP_PRI_NAT_DST = -100;

  /** An nf_tables message type: the subsystem in the high byte. */
  public static int type(int message) {
    return NFNL_SUBSYS_NFTABLES << 8 | message;
  }
}
