package io.weft.agent.netlink;

import io.weft.agent.netlink.wire.Errno;
import io.weft.agent.netlink.wire.Exchange;
import io.weft.agent.netlink.wire.GenlConst;
import io.weft.agent.netlink.wire.MessageBuilder;
import io.weft.agent.netlink.wire.NetlinkMessage;
import io.weft.agent.netlink.wire.NetlinkSocket;
import io.weft.agent.netlink.wire.WireException;
import java.nio.ByteBuffer;
import java.util.List;
import java.util.OptionalInt;

/**
 * A handle on generic netlink in one network namespace, as {@link Netlink} is on rtnetlink: its
 * socket is opened inside the namespace once. Families (WireGuard's, say) are found by name;
 * their messages are built and read by their own codecs.
 */
public final class GenericNetlink implements AutoCloseable {

  private final Exchange exchange;

  private GenericNetlink(NetlinkSocket socket) {
    this.exchange = new Exchange(socket);
  }

  /** A handle on the namespace this process runs in. */
  public static GenericNetlink open() {
    return open(NetNs.current());
  }

  /** A handle on {@code ns}; the caller keeps owning {@code ns}. */
  public static GenericNetlink open(NetNs ns) {
    return new GenericNetlink(ns.call("generic netlink socket in " + ns,
        () -> NetlinkSocket.open(GenlConst.NETLINK_GENERIC)));
  }

  /** The id of family {@code name}; empty when the kernel has no such family (its module absent). */
  public OptionalInt familyId(String name) {
    String op = "genlFamily(" + name + ")";
    try {
      for (NetlinkMessage m : exchange.execute(familyRequest(name), op)) {
        int id = m.attributes(GenlConst.HEADER_LEN).u16(GenlConst.CTRL_ATTR_FAMILY_ID, 0);
        if (id != 0) {
          return OptionalInt.of(id);
        }
      }
      return OptionalInt.empty();
    } catch (WireException e) {
      if (e.errno() == Errno.ENOENT) {
        return OptionalInt.empty();
      }
      throw NetlinkException.of(e);
    }
  }

  /** CTRL_CMD_GETFAMILY for {@code name}: what {@code genl ctrl get name NAME} sends. */
  static ByteBuffer familyRequest(String name) {
    MessageBuilder b = MessageBuilder.onHeap(GenlConst.GENL_ID_CTRL, 0);
    GenlConst.header(b, GenlConst.CTRL_CMD_GETFAMILY, 1);
    b.attrString(GenlConst.CTRL_ATTR_FAMILY_NAME, name);
    return b.finish();
  }

  /** Sends a request built by a family's codec; the replies before the acknowledgement. */
  public List<NetlinkMessage> execute(ByteBuffer request, String op) {
    try {
      return exchange.execute(request, op);
    } catch (WireException e) {
      throw NetlinkException.of(e);
    }
  }

  /** Sends a dump request built by a family's codec; every reply up to the end. */
  public List<NetlinkMessage> dump(ByteBuffer request, String op) {
    try {
      return exchange.dump(request, op);
    } catch (WireException e) {
      throw NetlinkException.of(e);
    }
  }

  @Override
  public void close() {
    exchange.close();
  }
}
