package io.weft.agent.netlink.wire;

/** Neighbour attributes, states and flags (linux/neighbour.h). */
public final class NeighAttr {

  private NeighAttr() {}

  public static final int NDA_DST = 1;
  public static final int NDA_LLADDR = 2;
  public static final int NDA_MASTER = 9;

  public static final int NUD_REACHABLE = 0x02;
  public static final int NUD_STALE = 0x04;
  public static final int NUD_NOARP = 0x40;
  public static final int NUD_PERMANENT = 0x80;

  public static final int NTF_SELF = 0x02;
  public static final int NTF_MASTER = 0x04;
}
