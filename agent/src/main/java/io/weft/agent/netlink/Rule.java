package io.weft.agent.netlink;

/**
 * An IPv4 routing policy rule that sends what it matches to a routing table, as {@code ip rule
 * add pref PRIORITY [ipproto P] [sport S] [dport D] [iif NAME] lookup TABLE} makes one.
 *
 * @param priority the rule's preference: lower is looked at first
 * @param table the routing table looked up when the rule matches
 * @param ipProto the IP protocol to match (6 TCP, 17 UDP), 0 for any
 * @param sport the source port to match, 0 for any
 * @param dport the destination port to match, 0 for any
 * @param iif the input interface to match, null for any
 */
public record Rule(int priority, int table, int ipProto, int sport, int dport, String iif) {

  public static final int TCP = 6;
  public static final int UDP = 17;

  public Rule {
    if (priority < 0 || table <= 0 || ipProto < 0 || ipProto > 255
        || sport < 0 || sport > 0xffff || dport < 0 || dport > 0xffff) {
      throw new IllegalArgumentException("not a rule: pref " + priority + " table " + table
          + " ipproto " + ipProto + " sport " + sport + " dport " + dport);
    }
    if ((sport > 0 || dport > 0) && ipProto != TCP && ipProto != UDP) {
      throw new IllegalArgumentException("ports need ipproto tcp or udp");
    }
  }

  /** {@code pref PRIORITY lookup TABLE}: matches everything. */
  public static Rule lookup(int priority, int table) {
    return new Rule(priority, table, 0, 0, 0, null);
  }

  public Rule protocol(int ipProto) {
    return new Rule(priority, table, ipProto, sport, dport, iif);
  }

  public Rule sourcePort(int port) {
    return new Rule(priority, table, ipProto, port, dport, iif);
  }

  public Rule destinationPort(int port) {
    return new Rule(priority, table, ipProto, sport, port, iif);
  }

  public Rule inputInterface(String name) {
    return new Rule(priority, table, ipProto, sport, dport, name);
  }

  @Override
  public String toString() {
    return "pref " + priority
        + (ipProto == 0 ? "" : " ipproto " + (ipProto == TCP ? "tcp" : ipProto == UDP ? "udp" : ipProto))
        + (sport == 0 ? "" : " sport " + sport) + (dport == 0 ? "" : " dport " + dport)
        + (iif == null ? "" : " iif " + iif) + " lookup " + table;
  }
}
