package io.weft.agent.netlink;

import io.weft.agent.netlink.wire.MessageBuilder;
import io.weft.agent.netlink.wire.NfConst;
import io.weft.agent.netlink.wire.NlConst;
import java.net.Inet4Address;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A whole nf_tables table of the {@code ip} family, as its owner wants it: base chains and
 * regular ones, sets of IPv4 addresses, maps from IPv4 addresses to verdicts, rules. {@link NfTables#replace} puts it in place in one transaction, replacing
 * whatever table of that name was there, so the kernel never holds half of it.
 */
public final class NfTable {

  /** A chain; {@code type} null for a regular chain, which only a jump enters. */
  private record Chain(String name, String type, int hook, int priority) {}

  private record Rule(String chain, List<NfExpr> expressions) {}

  private final String name;
  private final List<Chain> chains = new ArrayList<>();
  private final Map<String, Set<Inet4Address>> sets = new LinkedHashMap<>();
  private final Map<String, Map<Inet4Address, NfVerdict>> verdictMaps = new LinkedHashMap<>();
  private final List<Rule> rules = new ArrayList<>();

  public NfTable(String name) {
    this.name = name;
  }

  public String name() {
    return name;
  }

  /** A filter chain on {@code hook} (e.g. {@link NfConst#NF_INET_LOCAL_IN}); what no rule drops is accepted. */
  public NfTable filterChain(String chain, int hook, int priority) {
    chains.add(new Chain(chain, "filter", hook, priority));
    return this;
  }

  /**
   * A nat chain on {@code hook} ({@link NfConst#NF_INET_PRE_ROUTING} or {@link
   * NfConst#NF_INET_LOCAL_OUT}): its rules see the first packet of each connection, before any
   * socket is looked up.
   */
  public NfTable natChain(String chain, int hook, int priority) {
    chains.add(new Chain(chain, "nat", hook, priority));
    return this;
  }

  /** A regular chain: no hook, entered by a jump; what no rule decides goes back to the jumper. */
  public NfTable regularChain(String chain) {
    chains.add(new Chain(chain, null, 0, 0));
    return this;
  }

  /** A map from IPv4 addresses to verdicts, for {@link NfExpr#verdictOf}. */
  public NfTable verdictMap(String map, Map<Inet4Address, NfVerdict> elements) {
    verdictMaps.put(map, Map.copyOf(elements));
    return this;
  }

  /** A set of IPv4 addresses, for {@link NfExpr#notIn}. */
  public NfTable addressSet(String set, Set<Inet4Address> elements) {
    sets.put(set, Set.copyOf(elements));
    return this;
  }

  public NfTable rule(String chain, NfExpr... expressions) {
    rules.add(new Rule(chain, List.of(expressions)));
    return this;
  }

  /**
   * The transaction that makes the table exactly this: the table is created if missing, deleted
   * (with all it holds), and made again, as {@code nft -f} does with {@code table; delete table;
   * table {...}}.
   */
  List<ByteBuffer> replacing() {
    List<ByteBuffer> batch = new ArrayList<>();
    batch.add(batchMarker(NfConst.NFNL_MSG_BATCH_BEGIN));
    batch.add(table(NfConst.NFT_MSG_NEWTABLE, NlConst.NLM_F_CREATE));
    batch.add(table(NfConst.NFT_MSG_DELTABLE, 0));
    batch.add(table(NfConst.NFT_MSG_NEWTABLE, NlConst.NLM_F_CREATE));
    chains.forEach(c -> batch.add(chain(c)));
    Map<String, Integer> ids = new LinkedHashMap<>();
    for (Map.Entry<String, Set<Inet4Address>> set : sets.entrySet()) {
      ids.put(set.getKey(), ids.size() + 1);
      batch.add(set(set.getKey(), ids.get(set.getKey()), false));
      if (!set.getValue().isEmpty()) {
        batch.add(elements(set.getKey(), ids.get(set.getKey()), set.getValue()));
      }
    }
    // after the chains: a map's jumps name chains of this same transaction
    for (Map.Entry<String, Map<Inet4Address, NfVerdict>> map : verdictMaps.entrySet()) {
      ids.put(map.getKey(), ids.size() + 1);
      batch.add(set(map.getKey(), ids.get(map.getKey()), true));
      if (!map.getValue().isEmpty()) {
        batch.add(mapElements(map.getKey(), ids.get(map.getKey()), map.getValue()));
      }
    }
    rules.forEach(r -> batch.add(rule(r, ids)));
    batch.add(batchMarker(NfConst.NFNL_MSG_BATCH_END));
    return batch;
  }

  /**
   * The transaction that adds this table's set elements to the sets of those names already in
   * the kernel, leaving whatever else they hold, its chains and its rules as they are.
   */
  List<ByteBuffer> addingElements() {
    List<ByteBuffer> batch = new ArrayList<>();
    batch.add(batchMarker(NfConst.NFNL_MSG_BATCH_BEGIN));
    for (Map.Entry<String, Set<Inet4Address>> set : sets.entrySet()) {
      if (!set.getValue().isEmpty()) {
        batch.add(elements(set.getKey(), 0, set.getValue()));
      }
    }
    for (Map.Entry<String, Map<Inet4Address, NfVerdict>> map : verdictMaps.entrySet()) {
      if (!map.getValue().isEmpty()) {
        batch.add(mapElements(map.getKey(), 0, map.getValue()));
      }
    }
    batch.add(batchMarker(NfConst.NFNL_MSG_BATCH_END));
    return batch;
  }

  /** NFT_MSG_GETTABLE for this table's name: answered when it exists, ENOENT when not. */
  ByteBuffer getting() {
    return message(NfConst.NFT_MSG_GETTABLE, 0).attrString(NfConst.NFTA_TABLE_NAME, name).finish();
  }

  /** The transaction that removes the table, if there is one. */
  List<ByteBuffer> deleting() {
    return List.of(batchMarker(NfConst.NFNL_MSG_BATCH_BEGIN),
        table(NfConst.NFT_MSG_NEWTABLE, NlConst.NLM_F_CREATE),
        table(NfConst.NFT_MSG_DELTABLE, 0),
        batchMarker(NfConst.NFNL_MSG_BATCH_END));
  }

  private static ByteBuffer batchMarker(int type) {
    // the batch's resource id names the subsystem it is for, in network order
    return MessageBuilder.onHeap(type, 0).u8(0).u8(NfConst.NFNETLINK_V0)
        .u16BigEndian(NfConst.NFNL_SUBSYS_NFTABLES).finish();
  }

  private static MessageBuilder message(int type, int flags) {
    return MessageBuilder.onHeap(NfConst.type(type), flags)
        .u8(NfConst.NFPROTO_IPV4).u8(NfConst.NFNETLINK_V0).u16BigEndian(0);
  }

  private ByteBuffer table(int type, int flags) {
    return message(type, flags).attrString(NfConst.NFTA_TABLE_NAME, name)
        .attrU32BigEndian(NfConst.NFTA_TABLE_FLAGS, 0).finish();
  }

  private ByteBuffer chain(Chain chain) {
    MessageBuilder m = message(NfConst.NFT_MSG_NEWCHAIN, NlConst.NLM_F_CREATE)
        .attrString(NfConst.NFTA_CHAIN_TABLE, name).attrString(NfConst.NFTA_CHAIN_NAME, chain.name());
    if (chain.type() == null) {
      return m.finish();
    }
    int hook = m.beginNest(NfConst.NFTA_CHAIN_HOOK | NlConst.NLA_F_NESTED);
    m.attrU32BigEndian(NfConst.NFTA_HOOK_HOOKNUM, chain.hook())
        .attrU32BigEndian(NfConst.NFTA_HOOK_PRIORITY, chain.priority());
    m.endNest(hook);
    return m.attrU32BigEndian(NfConst.NFTA_CHAIN_POLICY, NfConst.NF_ACCEPT)
        .attrString(NfConst.NFTA_CHAIN_TYPE, chain.type()).finish();
  }

  private ByteBuffer set(String set, int id, boolean verdicts) {
    MessageBuilder m = message(NfConst.NFT_MSG_NEWSET, NlConst.NLM_F_CREATE)
        .attrString(NfConst.NFTA_SET_TABLE, name).attrString(NfConst.NFTA_SET_NAME, set)
        .attrU32BigEndian(NfConst.NFTA_SET_FLAGS, verdicts ? NfConst.NFT_SET_MAP : 0)
        .attrU32BigEndian(NfConst.NFTA_SET_KEY_TYPE, NfConst.TYPE_IPADDR)
        .attrU32BigEndian(NfConst.NFTA_SET_KEY_LEN, 4);
    if (verdicts) {
      // a verdict's length is the kernel's to know: no NFTA_SET_DATA_LEN
      m.attrU32BigEndian(NfConst.NFTA_SET_DATA_TYPE, NfConst.NFT_DATA_VERDICT);
    }
    return m.attrU32BigEndian(NfConst.NFTA_SET_ID, id).finish();
  }

  private ByteBuffer elements(String set, int id, Set<Inet4Address> addresses) {
    MessageBuilder m = elementsOf(set, id);
    int list = m.beginNest(NfConst.NFTA_SET_ELEM_LIST_ELEMENTS | NlConst.NLA_F_NESTED);
    for (Inet4Address address : addresses) {
      int element = m.beginNest(NfConst.NFTA_LIST_ELEM | NlConst.NLA_F_NESTED);
      key(m, address);
      m.endNest(element);
    }
    m.endNest(list);
    return m.finish();
  }

  private ByteBuffer mapElements(String map, int id, Map<Inet4Address, NfVerdict> entries) {
    MessageBuilder m = elementsOf(map, id);
    int list = m.beginNest(NfConst.NFTA_SET_ELEM_LIST_ELEMENTS | NlConst.NLA_F_NESTED);
    entries.forEach((address, verdict) -> {
      int element = m.beginNest(NfConst.NFTA_LIST_ELEM | NlConst.NLA_F_NESTED);
      key(m, address);
      int data = m.beginNest(NfConst.NFTA_SET_ELEM_DATA | NlConst.NLA_F_NESTED);
      verdict.writeTo(m);
      m.endNest(data);
      m.endNest(element);
    });
    m.endNest(list);
    return m.finish();
  }

  private MessageBuilder elementsOf(String set, int id) {
    MessageBuilder m = message(NfConst.NFT_MSG_NEWSETELEM, NlConst.NLM_F_CREATE)
        .attrString(NfConst.NFTA_SET_ELEM_LIST_TABLE, name)
        .attrString(NfConst.NFTA_SET_ELEM_LIST_SET, set);
    if (id != 0) {
      // a set made in the same transaction; 0 for one in the kernel already, found by name
      m.attrU32BigEndian(NfConst.NFTA_SET_ELEM_LIST_SET_ID, id);
    }
    return m;
  }

  private static void key(MessageBuilder m, Inet4Address address) {
    int key = m.beginNest(NfConst.NFTA_SET_ELEM_KEY | NlConst.NLA_F_NESTED);
    m.attr(NfConst.NFTA_DATA_VALUE, address.getAddress());
    m.endNest(key);
  }

  private ByteBuffer rule(Rule rule, Map<String, Integer> ids) {
    MessageBuilder m = message(NfConst.NFT_MSG_NEWRULE, NlConst.NLM_F_CREATE | NlConst.NLM_F_APPEND)
        .attrString(NfConst.NFTA_RULE_TABLE, name).attrString(NfConst.NFTA_RULE_CHAIN, rule.chain());
    int list = m.beginNest(NfConst.NFTA_RULE_EXPRESSIONS | NlConst.NLA_F_NESTED);
    rule.expressions().forEach(e -> e.writeTo(m, ids));
    m.endNest(list);
    return m.finish();
  }
}
