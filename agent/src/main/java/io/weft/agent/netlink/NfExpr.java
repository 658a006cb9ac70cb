package io.weft.agent.netlink;

import io.weft.agent.netlink.wire.MessageBuilder;
import io.weft.agent.netlink.wire.NfConst;
import io.weft.agent.netlink.wire.NlConst;
import java.util.Map;
import java.util.function.BiConsumer;
import java.util.function.Consumer;

/**
 * One expression of an nf_tables rule, as {@code nft --debug=netlink} lists them: a name and
 * its attributes. Values are loaded into register 1 and compared or looked up there; the
 * verdict goes into the verdict register. Only what weft's rules use.
 *
 * @param name the kernel's name for the expression ({@code meta}, {@code cmp}, ...)
 * @param data writes its attributes, given the ids of the sets of the rule's table
 */
public record NfExpr(String name, BiConsumer<MessageBuilder, Map<String, Integer>> data) {

  /** {@code meta l4proto}: the transport protocol's number, into register 1. */
  public static NfExpr l4Protocol() {
    return new NfExpr("meta", (m, sets) -> m
        .attrU32BigEndian(NfConst.NFTA_META_DREG, NfConst.NFT_REG_1)
        .attrU32BigEndian(NfConst.NFTA_META_KEY, NfConst.NFT_META_L4PROTO));
  }

  /** {@code meta skuid}: the user id of the socket a packet leaves from, into register 1 (output only). */
  public static NfExpr socketUid() {
    return meta(NfConst.NFT_META_SKUID);
  }

  /** {@code meta iifname}: the name of the interface a packet came in on (16 bytes), into register 1. */
  public static NfExpr inInterfaceName() {
    return meta(NfConst.NFT_META_IIFNAME);
  }

  /** {@code meta oifname}: the name of the interface a packet goes out on (16 bytes), into register 1. */
  public static NfExpr outInterfaceName() {
    return meta(NfConst.NFT_META_OIFNAME);
  }

  private static NfExpr meta(int key) {
    return new NfExpr("meta", (m, sets) -> m
        .attrU32BigEndian(NfConst.NFTA_META_DREG, NfConst.NFT_REG_1)
        .attrU32BigEndian(NfConst.NFTA_META_KEY, key));
  }

  /** {@code payload}: {@code length} bytes at {@code offset} of the network header, into register 1. */
  public static NfExpr networkHeader(int offset, int length) {
    return payload(NfConst.NFT_PAYLOAD_NETWORK_HEADER, offset, length);
  }

  /** {@code payload}: {@code length} bytes at {@code offset} of the transport header, into register 1. */
  public static NfExpr transportHeader(int offset, int length) {
    return payload(NfConst.NFT_PAYLOAD_TRANSPORT_HEADER, offset, length);
  }

  private static NfExpr payload(int base, int offset, int length) {
    return new NfExpr("payload", (m, sets) -> m
        .attrU32BigEndian(NfConst.NFTA_PAYLOAD_DREG, NfConst.NFT_REG_1)
        .attrU32BigEndian(NfConst.NFTA_PAYLOAD_BASE, base)
        .attrU32BigEndian(NfConst.NFTA_PAYLOAD_OFFSET, offset)
        .attrU32BigEndian(NfConst.NFTA_PAYLOAD_LEN, length));
  }

  /** {@code cmp eq}: the rule goes on only when register 1 holds {@code value}. */
  public static NfExpr equal(byte[] value) {
    return compare(NfConst.NFT_CMP_EQ, value);
  }

  /** {@code cmp neq}: the rule goes on only when register 1 does not hold {@code value}. */
  public static NfExpr notEqual(byte[] value) {
    return compare(NfConst.NFT_CMP_NEQ, value);
  }

  /** An interface's name as {@code meta iifname} loads it: its bytes, zero-padded to 16. */
  public static byte[] interfaceName(String name) {
    byte[] padded = new byte[16];
    byte[] bytes = name.getBytes(java.nio.charset.StandardCharsets.US_ASCII);
    System.arraycopy(bytes, 0, padded, 0, Math.min(bytes.length, 15));
    return padded;
  }

  private static NfExpr compare(int op, byte[] value) {
    return new NfExpr("cmp", (m, sets) -> {
      m.attrU32BigEndian(NfConst.NFTA_CMP_SREG, NfConst.NFT_REG_1)
          .attrU32BigEndian(NfConst.NFTA_CMP_OP, op);
      int data = m.beginNest(NfConst.NFTA_CMP_DATA | NlConst.NLA_F_NESTED);
      m.attr(NfConst.NFTA_DATA_VALUE, value);
      m.endNest(data);
    });
  }

  /** {@code lookup ... != @set}: the rule goes on only when register 1 is not in {@code set}. */
  public static NfExpr notIn(String set) {
    return lookup(set, true);
  }

  /** {@code lookup ... @set}: the rule goes on only when register 1 is in {@code set}. */
  public static NfExpr in(String set) {
    return lookup(set, false);
  }

  private static NfExpr lookup(String set, boolean inverted) {
    return lookupIn(set, m -> m.attrU32BigEndian(NfConst.NFTA_LOOKUP_FLAGS, inverted ? NfConst.NFT_LOOKUP_F_INV : 0));
  }

  /**
   * {@code vmap @map}: the verdict {@code map} holds for register 1, which decides the packet
   * (or, for a jump, goes on in the chain named); the rule goes on when the map has no entry.
   */
  public static NfExpr verdictOf(String map) {
    return lookupIn(map, m -> m.attrU32BigEndian(NfConst.NFTA_LOOKUP_DREG, NfConst.NFT_REG_VERDICT));
  }

  /** A lookup of register 1 in the set or map {@code set} of the rule's table, then {@code rest}. */
  private static NfExpr lookupIn(String set, Consumer<MessageBuilder> rest) {
    return new NfExpr("lookup", (m, sets) -> {
      Integer id = sets.get(set);
      if (id == null) {
        throw new IllegalArgumentException("no set or map " + set + " in the rule's table");
      }
      m.attrString(NfConst.NFTA_LOOKUP_SET, set)
          .attrU32BigEndian(NfConst.NFTA_LOOKUP_SET_ID, id)
          .attrU32BigEndian(NfConst.NFTA_LOOKUP_SREG, NfConst.NFT_REG_1);
      rest.accept(m);
    });
  }

  /** {@code counter}: counts what reaches it, as {@code nft list} shows. */
  public static NfExpr counter() {
    return new NfExpr("counter", (m, sets) -> { });
  }

  /** {@code drop}. */
  public static NfExpr drop() {
    return verdict(NfVerdict.drop());
  }

  /** {@code accept}: the packet goes on past this hook's chain (other tables' chains still see it). */
  public static NfExpr accept() {
    return verdict(NfVerdict.accept());
  }

  private static NfExpr verdict(NfVerdict verdict) {
    return new NfExpr("immediate", (m, sets) -> {
      m.attrU32BigEndian(NfConst.NFTA_IMMEDIATE_DREG, NfConst.NFT_REG_VERDICT);
      int data = m.beginNest(NfConst.NFTA_IMMEDIATE_DATA | NlConst.NLA_F_NESTED);
      verdict.writeTo(m);
      m.endNest(data);
    });
  }

  /** {@code reject with tcp reset}: a TCP packet is answered with a reset, as by a closed port. */
  public static NfExpr rejectWithReset() {
    return new NfExpr("reject", (m, sets) -> m
        .attrU32BigEndian(NfConst.NFTA_REJECT_TYPE, NfConst.NFT_REJECT_TCP_RST)
        .attrU8(NfConst.NFTA_REJECT_ICMP_CODE, 0));
  }

  /**
   * {@code dnat to ADDRESS:PORT}: the connection goes to {@code address}:{@code port} instead,
   * before any socket is looked up (in a nat chain of the prerouting or output hook).
   */
  public static NfExpr[] destinationNat(byte[] address, int port) {
    return new NfExpr[] {
        immediate(NfConst.NFT_REG_1, address),
        immediate(NfConst.NFT_REG_2, new byte[] {(byte) (port >> 8), (byte) port}),
        new NfExpr("nat", (m, sets) -> m
            .attrU32BigEndian(NfConst.NFTA_NAT_TYPE, NfConst.NFT_NAT_DNAT)
            .attrU32BigEndian(NfConst.NFTA_NAT_FAMILY, NfConst.NFPROTO_IPV4)
            .attrU32BigEndian(NfConst.NFTA_NAT_REG_ADDR_MIN, NfConst.NFT_REG_1)
            .attrU32BigEndian(NfConst.NFTA_NAT_REG_ADDR_MAX, NfConst.NFT_REG_1)
            .attrU32BigEndian(NfConst.NFTA_NAT_REG_PROTO_MIN, NfConst.NFT_REG_2)
            .attrU32BigEndian(NfConst.NFTA_NAT_REG_PROTO_MAX, NfConst.NFT_REG_2)
            .attrU32BigEndian(NfConst.NFTA_NAT_FLAGS,
                NfConst.NF_NAT_RANGE_MAP_IPS | NfConst.NF_NAT_RANGE_PROTO_SPECIFIED))};
  }

  /** {@code immediate}: {@code value} into {@code register}. */
  private static NfExpr immediate(int register, byte[] value) {
    return new NfExpr("immediate", (m, sets) -> {
      m.attrU32BigEndian(NfConst.NFTA_IMMEDIATE_DREG, register);
      int data = m.beginNest(NfConst.NFTA_IMMEDIATE_DATA | NlConst.NLA_F_NESTED);
      m.attr(NfConst.NFTA_DATA_VALUE, value);
      m.endNest(data);
    });
  }

  /** Writes this expression as one element of a rule's expression list. */
  void writeTo(MessageBuilder m, Map<String, Integer> sets) {
    int element = m.beginNest(NfConst.NFTA_LIST_ELEM | NlConst.NLA_F_NESTED);
    m.attrString(NfConst.NFTA_EXPR_NAME, name);
    int attributes = m.beginNest(NfConst.NFTA_EXPR_DATA | NlConst.NLA_F_NESTED);
    data.accept(m, sets);
    m.endNest(attributes);
    m.endNest(element);
  }
}
