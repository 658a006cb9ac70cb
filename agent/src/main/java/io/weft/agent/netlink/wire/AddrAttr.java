package io.weft.agent.netlink.wire;

/** Interface address attributes (linux/if_addr.h). */
public final class AddrAttr {

  private AddrAttr() {}

  public static final int IFA_ADDRESS = 1;
  public static final int IFA_LOCAL = 2;
  public static final int IFA_LABEL = 3;
  public static final int IFA_FLAGS = 8;

  public static final int IFA_F_NODAD = 0x02;
  public static final int IFA_F_PERMANENT = 0x80;
}
