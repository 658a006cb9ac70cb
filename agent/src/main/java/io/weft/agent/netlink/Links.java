package io.weft.agent.netlink;

import static io.weft.agent.netlink.wire.LinkAttr.IFF_UP;
import static io.weft.agent.netlink.wire.LinkAttr.IFLA_ADDRESS;
import static io.weft.agent.netlink.wire.LinkAttr.IFLA_IFNAME;
import static io.weft.agent.netlink.wire.LinkAttr.IFLA_MASTER;
import static io.weft.agent.netlink.wire.LinkAttr.IFLA_MTU;

import io.weft.agent.netlink.wire.Errno;
import io.weft.agent.netlink.wire.NetlinkMessage;
import java.util.List;

/** The link verbs of one handle, named like {@code ip link}. Links are named as {@code ip} names them. */
public final class Links {

  private final Netlink nl;

  Links(Netlink nl) {
    this.nl = nl;
  }

  public List<Link> list() {
    return nl.dump(LinkCodec.dump(), "linkList()").stream().map(LinkCodec::decode).toList();
  }

  /** The link named {@code name}; {@link NotFoundException} when there is none. */
  public Link get(String name) {
    String op = "linkGet(" + name + ")";
    InterfaceName.check(op, name);
    return single(nl.execute(LinkCodec.get(name), op), op);
  }

  public Link get(int index) {
    String op = "linkGet(index " + index + ")";
    if (index <= 0) {
      throw InvalidArgumentException.rejected(op, "invalid ifindex " + index);
    }
    return single(nl.execute(LinkCodec.get(index), op), op);
  }

  private static Link single(List<NetlinkMessage> replies, String op) {
    if (replies.isEmpty()) {
      throw new NotFoundException(op, Errno.ENODEV, null);
    }
    return LinkCodec.decode(replies.get(0));
  }

  /** Creates {@code link}; names are checked first, so a bad one creates nothing. */
  public void add(Link link) {
    String op = "linkAdd(" + link.kind() + " " + link.name() + ")";
    InterfaceName.check(op, link.name());
    if (link instanceof Veth v) {
      InterfaceName.check(op, v.peerName());
    } else if (!(link instanceof Bridge) && !(link instanceof Vxlan)
        && !(link instanceof Device d && "wireguard".equals(d.kind()))) {
      throw InvalidArgumentException.rejected(op, "cannot create links of kind " + link.kind());
    }
    nl.execute(LinkCodec.add(link), op);
  }

  public void delete(String name) {
    String op = "linkDel(" + name + ")";
    InterfaceName.check(op, name);
    nl.execute(LinkCodec.delete(name), op);
  }

  /** Sets link {@code index} up: one message, for callers that know the index already. */
  public void setUp(int index) {
    nl.execute(LinkCodec.set(index, IFF_UP, IFF_UP, b -> {}), "linkSetUp(index " + index + ")");
  }

  public void setUp(String name) {
    String op = "linkSetUp(" + name + ")";
    nl.execute(LinkCodec.setByName(InterfaceName.check(op, name), IFF_UP, IFF_UP, b -> {}), op);
  }

  public void setDown(String name) {
    String op = "linkSetDown(" + name + ")";
    nl.execute(LinkCodec.setByName(InterfaceName.check(op, name), 0, IFF_UP, b -> {}), op);
  }

  /** Sets per-interface IPv4 settings (e.g. arp_notify), like the sysctls of the same names. */
  public void setIpv4(String name, java.util.Map<Ipv4Setting, Integer> settings) {
    String op = "linkSetIpv4(" + name + " " + settings + ")";
    InterfaceName.check(op, name);
    nl.execute(LinkCodec.setByName(name, 0, 0, b -> {
      int spec = b.beginNest(io.weft.agent.netlink.wire.LinkAttr.IFLA_AF_SPEC);
      int inet = b.beginNest(io.weft.agent.netlink.wire.Af.INET);
      int conf = b.beginNest(io.weft.agent.netlink.wire.LinkAttr.IFLA_INET_CONF);
      settings.forEach((setting, value) -> b.attrU32(setting.devconf(), value));
      b.endNest(conf);
      b.endNest(inet);
      b.endNest(spec);
    }), op);
  }

  public void setMtu(String name, int mtu) {
    String op = "linkSetMtu(" + name + " " + mtu + ")";
    InterfaceName.check(op, name);
    if (mtu <= 0) {
      throw InvalidArgumentException.rejected(op, "invalid MTU " + mtu);
    }
    nl.execute(LinkCodec.setByName(name, 0, 0, b -> b.attrU32(IFLA_MTU, mtu)), op);
  }

  public void setMac(String name, MacAddress mac) {
    String op = "linkSetMac(" + name + " " + mac + ")";
    nl.execute(LinkCodec.setByName(InterfaceName.check(op, name), 0, 0, b -> b.attr(IFLA_ADDRESS, mac.bytes())), op);
  }

  /** Renames link {@code name} to {@code newName}, both checked first; returns its ifindex, which a rename keeps. */
  public int rename(String name, String newName) {
    String op = "linkSetName(" + name + " " + newName + ")";
    InterfaceName.check(op, name);
    InterfaceName.check(op, newName);
    int index = get(name).index();
    nl.execute(LinkCodec.set(index, 0, 0, b -> b.attrString(IFLA_IFNAME, newName)), op);
    return index;
  }

  /** Enslaves link {@code name} to the bridge {@code master}. */
  public void setMaster(String name, String master) {
    String op = "linkSetMaster(" + name + " " + master + ")";
    InterfaceName.check(op, name);
    InterfaceName.check(op, master);
    setMaster(name, get(master).index());
  }

  /** Enslaves link {@code name} to the bridge whose ifindex is {@code masterIndex}. */
  public void setMaster(String name, int masterIndex) {
    String op = "linkSetMaster(" + name + " index " + masterIndex + ")";
    nl.execute(LinkCodec.setByName(InterfaceName.check(op, name), 0, 0, b -> b.attrU32(IFLA_MASTER, masterIndex)), op);
  }

  public void clearMaster(String name) {
    String op = "linkSetNoMaster(" + name + ")";
    nl.execute(LinkCodec.setByName(InterfaceName.check(op, name), 0, 0, b -> b.attrU32(IFLA_MASTER, 0)), op);
  }

  /** Moves link {@code name} into another namespace, by a process's pid or a namespace descriptor. */
  public void setNamespace(String name, NsTarget target) {
    String op = "linkSetNs(" + name + " " + target + ")";
    nl.execute(LinkCodec.setByName(InterfaceName.check(op, name), 0, 0, b -> LinkCodec.target(b, target)), op);
  }
}
