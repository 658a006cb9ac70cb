package io.weft.agent.wireguard;

import io.weft.agent.netlink.IpNet;
import io.weft.agent.netlink.wire.Attributes;
import io.weft.agent.netlink.wire.GenlConst;
import io.weft.agent.netlink.wire.MessageBuilder;
import io.weft.agent.netlink.wire.NetlinkMessage;
import io.weft.agent.netlink.wire.NlConst;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The kernel's WireGuard over generic netlink (linux/wireguard.h): the family {@value #FAMILY},
 * {@code WG_CMD_GET_DEVICE} as a dump and {@code WG_CMD_SET_DEVICE}, their attributes, the
 * endpoint as a {@code sockaddr}. Pure, so it is tested against recorded messages on machines
 * whose kernel has no WireGuard.
 */
public final class WireGuardNetlink {

  public static final String FAMILY = "wireguard";
  static final int VERSION = 1;
  static final int CMD_GET_DEVICE = 0;
  static final int CMD_SET_DEVICE = 1;

  static final int DEVICE_IFNAME = 2;
  static final int DEVICE_PRIVATE_KEY = 3;
  static final int DEVICE_LISTEN_PORT = 6;
  static final int DEVICE_PEERS = 8;

  static final int PEER_PUBLIC_KEY = 1;
  static final int PEER_FLAGS = 3;
  static final int PEER_ENDPOINT = 4;
  static final int PEER_KEEPALIVE = 5;
  static final int PEER_LAST_HANDSHAKE = 6;
  static final int PEER_RX_BYTES = 7;
  static final int PEER_TX_BYTES = 8;
  static final int PEER_ALLOWEDIPS = 9;

  static final int PEER_F_REMOVE_ME = 1;
  static final int PEER_F_REPLACE_ALLOWEDIPS = 2;

  static final int ALLOWEDIP_FAMILY = 1;
  static final int ALLOWEDIP_IPADDR = 2;
  static final int ALLOWEDIP_CIDR_MASK = 3;

  private static final int AF_INET = 2;
  private static final int AF_INET6 = 10;

  private WireGuardNetlink() {}

  /** The dump request for device {@code name} (the exchange adds NLM_F_DUMP). */
  public static ByteBuffer getDevice(int familyId, String name) {
    MessageBuilder b = MessageBuilder.onHeap(familyId, 0);
    GenlConst.header(b, CMD_GET_DEVICE, VERSION);
    b.attrString(DEVICE_IFNAME, name);
    return b.finish();
  }

  /** One {@code WG_CMD_SET_DEVICE} for {@code change}; a kick is the peer twice, keepalive off then on. */
  public static ByteBuffer setDevice(int familyId, String name, DeviceChange change) {
    MessageBuilder b = new MessageBuilder(ByteBuffer.allocate(16 + 512 + 256 * change.peers().size() * 2
        + 64 * change.peers().stream().mapToInt(p -> p.allowedIps() == null ? 0 : p.allowedIps().size()).sum()),
        familyId, 0);
    GenlConst.header(b, CMD_SET_DEVICE, VERSION);
    b.attrString(DEVICE_IFNAME, name);
    if (change.privateKey() != null) {
      b.attr(DEVICE_PRIVATE_KEY, change.privateKey().bytes());
    }
    if (change.listenPort() != 0) {
      b.attr(DEVICE_LISTEN_PORT, u16(change.listenPort()));
    }
    if (!change.peers().isEmpty()) {
      int peers = b.beginNest(DEVICE_PEERS | NlConst.NLA_F_NESTED);
      for (PeerChange p : change.peers()) {
        if (p.kick()) {
          int off = b.beginNest(NlConst.NLA_F_NESTED);
          b.attr(PEER_PUBLIC_KEY, p.key().bytes());
          b.attr(PEER_KEEPALIVE, u16(0));
          b.endNest(off);
        }
        peer(b, p);
      }
      b.endNest(peers);
    }
    return b.finish();
  }

  private static void peer(MessageBuilder b, PeerChange p) {
    int peer = b.beginNest(NlConst.NLA_F_NESTED);
    b.attr(PEER_PUBLIC_KEY, p.key().bytes());
    int flags = (p.remove() ? PEER_F_REMOVE_ME : 0) | (p.allowedIps() != null ? PEER_F_REPLACE_ALLOWEDIPS : 0);
    if (flags != 0) {
      b.attrU32(PEER_FLAGS, flags);
    }
    if (!p.remove()) {
      if (p.endpoint() != null) {
        b.attr(PEER_ENDPOINT, sockaddr(p.endpoint()));
      }
      if (p.keepaliveSeconds() >= 0) {
        b.attr(PEER_KEEPALIVE, u16(p.keepaliveSeconds()));
      }
      if (p.allowedIps() != null) {
        int list = b.beginNest(PEER_ALLOWEDIPS | NlConst.NLA_F_NESTED);
        for (IpNet ip : p.allowedIps()) {
          int one = b.beginNest(NlConst.NLA_F_NESTED);
          b.attr(ALLOWEDIP_FAMILY, u16(ip.isIpv4() ? AF_INET : AF_INET6));
          b.attr(ALLOWEDIP_IPADDR, ip.ip().getAddress());
          b.attrU8(ALLOWEDIP_CIDR_MASK, ip.prefixLength());
          b.endNest(one);
        }
        b.endNest(list);
      }
    }
    b.endNest(peer);
  }

  /**
   * The replies of a {@code WG_CMD_GET_DEVICE} dump as one device: a device with many peers comes
   * in several messages, and one peer's allowed IPs may go on in the next, its key repeated.
   */
  public static DeviceState decode(List<NetlinkMessage> replies) {
    PrivateWireKey privateKey = null;
    int port = 0;
    Map<WireKey, PeerState> peers = new LinkedHashMap<>();
    for (NetlinkMessage m : replies) {
      Attributes device = m.attributes(GenlConst.HEADER_LEN);
      byte[] key = device.bytes(DEVICE_PRIVATE_KEY);
      if (key != null && !isZero(key)) {
        privateKey = PrivateWireKey.of(key);
      }
      port = device.u16(DEVICE_LISTEN_PORT, port);
      for (Attributes p : device.list(DEVICE_PEERS)) {
        PeerState read = peer(p);
        PeerState before = peers.get(read.key());
        if (before != null) {
          List<IpNet> allowed = new ArrayList<>(before.allowedIps());
          allowed.addAll(read.allowedIps());
          read = new PeerState(before.key(), before.endpoint(), allowed, before.keepaliveSeconds(),
              before.rxBytes(), before.txBytes(), before.lastHandshakeSeconds());
        }
        peers.put(read.key(), read);
      }
    }
    return new DeviceState(privateKey, port, List.copyOf(peers.values()));
  }

  private static PeerState peer(Attributes p) {
    List<IpNet> allowed = new ArrayList<>();
    for (Attributes ip : p.list(PEER_ALLOWEDIPS)) {
      allowed.add(new IpNet(address(ip.bytes(ALLOWEDIP_IPADDR)), ip.u8(ALLOWEDIP_CIDR_MASK, 0)));
    }
    byte[] handshake = p.bytes(PEER_LAST_HANDSHAKE);
    long seconds = handshake == null || handshake.length < 8 ? 0
        : ByteBuffer.wrap(handshake).order(ByteOrder.nativeOrder()).getLong(0);
    return new PeerState(WireKey.of(p.bytes(PEER_PUBLIC_KEY)), endpoint(p.bytes(PEER_ENDPOINT)), allowed,
        p.u16(PEER_KEEPALIVE, 0), p.u64(PEER_RX_BYTES, 0), p.u64(PEER_TX_BYTES, 0), seconds);
  }

  /** struct sockaddr_in (16 bytes) or sockaddr_in6 (28): family native, port big-endian. */
  static byte[] sockaddr(InetSocketAddress endpoint) {
    boolean v4 = endpoint.getAddress() instanceof Inet4Address;
    ByteBuffer b = ByteBuffer.allocate(v4 ? 16 : 28).order(ByteOrder.nativeOrder());
    b.putShort((short) (v4 ? AF_INET : AF_INET6));
    b.order(ByteOrder.BIG_ENDIAN).putShort((short) endpoint.getPort());
    if (!v4) {
      b.putInt(0); // flow info
    }
    b.put(endpoint.getAddress().getAddress());
    return b.array();
  }

  static InetSocketAddress endpoint(byte[] sockaddr) {
    if (sockaddr == null || sockaddr.length < 16) {
      return null;
    }
    ByteBuffer b = ByteBuffer.wrap(sockaddr).order(ByteOrder.nativeOrder());
    int family = Short.toUnsignedInt(b.getShort(0));
    int port = Short.toUnsignedInt(b.order(ByteOrder.BIG_ENDIAN).getShort(2));
    byte[] address = family == AF_INET6 && sockaddr.length >= 24
        ? java.util.Arrays.copyOfRange(sockaddr, 8, 24) : java.util.Arrays.copyOfRange(sockaddr, 4, 8);
    return new InetSocketAddress(address(address), port);
  }

  private static InetAddress address(byte[] bytes) {
    try {
      return InetAddress.getByAddress(bytes);
    } catch (UnknownHostException e) {
      throw new IllegalArgumentException("not an address: " + bytes.length + " bytes");
    }
  }

  private static byte[] u16(int v) {
    return ByteBuffer.allocate(2).order(ByteOrder.nativeOrder()).putShort((short) v).array();
  }

  private static boolean isZero(byte[] key) {
    for (byte k : key) {
      if (k != 0) {
        return false;
      }
    }
    return true;
  }
}
