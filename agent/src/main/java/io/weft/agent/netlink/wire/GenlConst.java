package io.weft.agent.netlink.wire;

/** Generic netlink: the protocol, its header and its controller family (linux/genetlink.h). */
public final class GenlConst {

  private GenlConst() {}

  public static final int NETLINK_GENERIC = 16;
  /** struct genlmsghdr: cmd, version, reserved (4 bytes). */
  public static final int HEADER_LEN = 4;

  public static final int GENL_ID_CTRL = 0x10;
  public static final int CTRL_CMD_GETFAMILY = 3;
  public static final int CTRL_ATTR_FAMILY_ID = 1;
  public static final int CTRL_ATTR_FAMILY_NAME = 2;

  /** Writes the generic header of a message to a family: its command and version. */
  public static void header(MessageBuilder b, int cmd, int version) {
    b.u8(cmd).u8(version).u16(0);
  }
}
