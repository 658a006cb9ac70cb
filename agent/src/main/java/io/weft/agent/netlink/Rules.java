package io.weft.agent.netlink;

import io.weft.agent.netlink.wire.NlConst;
import io.weft.agent.netlink.wire.RuleAttr;
import java.util.List;
import java.util.Objects;

/** The routing policy rules of one handle's namespace, IPv4, like {@code ip rule}. */
public final class Rules {

  private final Netlink nl;

  Rules(Netlink nl) {
    this.nl = nl;
  }

  /** Adds {@code r}; {@link AlreadyExistsException} when an equal rule is there. */
  public void add(Rule r) {
    String op = "ruleAdd(" + r + ")";
    if (r.iif() != null) {
      InterfaceName.check(op, r.iif());
    }
    nl.execute(RuleCodec.message(RuleAttr.NEWRULE, NlConst.NLM_F_CREATE | NlConst.NLM_F_EXCL, r), op);
  }

  /** Deletes the rule equal to {@code r}; {@link NotFoundException} when there is none. */
  public void delete(Rule r) {
    nl.execute(RuleCodec.message(RuleAttr.DELRULE, 0, r), "ruleDel(" + r + ")");
  }

  /** The IPv4 rules that send to a table, as {@link Rule}s; others ({@code fwmark}, ranges) are left out. */
  public List<Rule> list() {
    return nl.dump(RuleCodec.dump(), "ruleList(inet)").stream()
        .map(RuleCodec::decode).filter(Objects::nonNull).toList();
  }
}
