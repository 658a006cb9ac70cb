package io.weft.agent.netlink.wire;

/** Address families used by rtnetlink messages (linux/socket.h). */
public final class Af {

  private Af() {}

  public static final int UNSPEC = 0;
  public static final int INET = 2;
  public static final int BRIDGE = 7;
  public static final int INET6 = 10;
}
