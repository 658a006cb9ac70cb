package io.weft.agent.netlink.wire;

/**
 * The content of an NLMSG_ERROR (or of an NLMSG_DONE that ends a failed dump): errno 0 is a
 * plain acknowledgement; otherwise the kernel's errno and, when extended acks are on, its message.
 */
public record AckError(int errno, String extAckMessage) {

  /** Decodes the payload of NLMSG_ERROR: int error, the echoed request header, then TLVs. */
  public static AckError ofError(NetlinkMessage m) {
    int errno = -m.payload().getInt(0);
    String text = null;
    if (m.hasFlag(NlConst.NLM_F_ACK_TLVS)) {
      int echoedLen = m.payload().getInt(4);
      // With NLM_F_CAPPED only the echoed header is there; otherwise the whole request.
      int tlvStart = 4 + (m.hasFlag(NlConst.NLM_F_CAPPED) ? NlConst.NLMSG_HDRLEN : NlConst.align(echoedLen));
      text = Attributes.parse(m.payload(), tlvStart, m.payload().limit()).string(NlConst.NLMSGERR_ATTR_MSG);
    }
    return new AckError(errno, text);
  }

  /** Decodes the payload of NLMSG_DONE: int error, then TLVs when the kernel adds them. */
  public static AckError ofDone(NetlinkMessage m) {
    if (m.payload().limit() < 4) {
      return new AckError(0, null);
    }
    int errno = -m.payload().getInt(0);
    String text = m.hasFlag(NlConst.NLM_F_ACK_TLVS)
        ? Attributes.parse(m.payload(), 4, m.payload().limit()).string(NlConst.NLMSGERR_ATTR_MSG)
        : null;
    return new AckError(errno, text);
  }
}
