package io.weft.agent.netlink;

import io.weft.agent.netlink.wire.Af;
import java.util.List;

/** The address verbs of one handle, like {@code ip addr}: IPv4 and IPv6. */
public final class Addresses {

  private final Netlink nl;

  Addresses(Netlink nl) {
    this.nl = nl;
  }

  /** Adds {@code cidr} to link {@code dev}; {@link AlreadyExistsException} if it is there. */
  public void add(String dev, IpNet cidr) {
    String op = "addrAdd(" + cidr + " dev " + dev + ")";
    InterfaceName.check(op, dev);
    nl.execute(AddressCodec.add(index(dev, op), cidr), op);
  }

  /** Adds {@code cidr} to the link whose ifindex is {@code index}: one message. */
  public void add(int index, IpNet cidr) {
    nl.execute(AddressCodec.add(index, cidr), "addrAdd(" + cidr + " dev index " + index + ")");
  }

  /** Parses then adds, so {@code add("ethwe", "10.32.0.7/12")} reads like {@code ip addr add}. */
  public void add(String dev, String cidr) {
    add(dev, IpNet.parse(cidr));
  }

  /** Removes {@code cidr} from {@code dev}; {@link NotFoundException} if it is not there. */
  public void delete(String dev, IpNet cidr) {
    String op = "addrDel(" + cidr + " dev " + dev + ")";
    InterfaceName.check(op, dev);
    nl.execute(AddressCodec.delete(index(dev, op), cidr), op);
  }

  /** The IPv4 and IPv6 addresses of {@code dev}, in the kernel's order. */
  public List<IpNet> list(String dev) {
    String op = "addrList(" + dev + ")";
    InterfaceName.check(op, dev);
    int index = index(dev, op);
    return nl.dump(AddressCodec.dump(Af.UNSPEC), op).stream()
        .filter(m -> AddressCodec.index(m) == index)
        .map(AddressCodec::decode)
        .toList();
  }

  private int index(String dev, String op) {
    try {
      return nl.links().get(dev).index();
    } catch (NotFoundException e) {
      throw new NotFoundException(op, e.errno(), "no link named " + dev);
    }
  }
}
