package io.weft.agent.netlink.wire;

/** Routing-rule attributes, header values and actions (linux/fib_rules.h). */
public final class RuleAttr {

  private RuleAttr() {}

  public static final int NEWRULE = 32;
  public static final int DELRULE = 33;
  public static final int GETRULE = 34;

  public static final int FRA_IIFNAME = 3;
  public static final int FRA_PRIORITY = 6;
  public static final int FRA_FWMARK = 10;
  public static final int FRA_TABLE = 15;
  public static final int FRA_FWMASK = 16;
  public static final int FRA_PROTOCOL = 21;
  public static final int FRA_IP_PROTO = 22;
  public static final int FRA_SPORT_RANGE = 23;
  public static final int FRA_DPORT_RANGE = 24;

  public static final int FR_ACT_TO_TBL = 1;
  public static final int RTPROT_STATIC = 4;

  /** struct fib_rule_hdr: family, dst_len, src_len, tos, table, res1, res2, action, flags (12 bytes). */
  public static final int HEADER_LEN = 12;
}
