package io.weft.agent.netlink.wire;

/** Route attributes and rtmsg field values (linux/rtnetlink.h). */
public final class RouteAttr {

  private RouteAttr() {}

  public static final int RTA_DST = 1;
  public static final int RTA_OIF = 4;
  public static final int RTA_GATEWAY = 5;
  public static final int RTA_PRIORITY = 6;
  public static final int RTA_PREFSRC = 7;
  public static final int RTA_TABLE = 15;

  public static final int RT_TABLE_COMPAT = 252;
  public static final int RT_TABLE_MAIN = 254;
  public static final int RTPROT_BOOT = 3;
  public static final int RTPROT_STATIC = 4;
  public static final int RTN_UNICAST = 1;
}
