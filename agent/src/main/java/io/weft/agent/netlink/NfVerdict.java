package io.weft.agent.netlink;

import io.weft.agent.netlink.wire.MessageBuilder;
import io.weft.agent.netlink.wire.NfConst;
import io.weft.agent.netlink.wire.NlConst;

/**
 * A verdict as a verdict map's value or an immediate's: {@code accept}, {@code drop}, or {@code
 * jump CHAIN}.
 *
 * @param code the kernel's verdict code
 * @param chain the chain jumped to, or null
 */
public record NfVerdict(int code, String chain) {

  public static NfVerdict accept() {
    return new NfVerdict(NfConst.NF_ACCEPT, null);
  }

  public static NfVerdict drop() {
    return new NfVerdict(NfConst.NF_DROP, null);
  }

  /** Goes on in {@code chain} (a regular chain of the same table), and back after it. */
  public static NfVerdict jump(String chain) {
    return new NfVerdict(NfConst.NFT_JUMP, chain);
  }

  /** Writes this verdict as an {@code NFTA_DATA_VERDICT} within the data attribute open in {@code m}. */
  void writeTo(MessageBuilder m) {
    int verdict = m.beginNest(NfConst.NFTA_DATA_VERDICT | NlConst.NLA_F_NESTED);
    m.attrU32BigEndian(NfConst.NFTA_VERDICT_CODE, code);
    if (chain != null) {
      m.attrString(NfConst.NFTA_VERDICT_CHAIN, chain);
    }
    m.endNest(verdict);
  }
}
