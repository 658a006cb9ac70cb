package io.weft.agent.wireguard;

import io.weft.agent.netlink.IpNet;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;

/**
 * WireGuard's cross-platform configuration protocol (wireguard.com/xplatform), the text that
 * wireguard-go's UAPI socket speaks: {@code get=1} and {@code set=1} requests, {@code key=value}
 * lines, a blank line to end, and {@code errno=N} in every answer. Pure, so it is tested on text.
 */
public final class UapiText {

  static final String GET = "get=1\n\n";

  private UapiText() {}

  /** The {@code set=1} request for {@code change}. */
  public static String set(DeviceChange change) {
    StringBuilder s = new StringBuilder("set=1\n");
    if (change.privateKey() != null) {
      s.append("private_key=").append(change.privateKey().hex()).append('\n');
    }
    if (change.listenPort() != 0) {
      s.append("listen_port=").append(change.listenPort()).append('\n');
    }
    for (PeerChange p : change.peers()) {
      s.append("public_key=").append(p.key().hex()).append('\n');
      if (p.remove()) {
        s.append("remove=true\n");
        continue;
      }
      if (p.endpoint() != null) {
        s.append("endpoint=").append(endpoint(p.endpoint())).append('\n');
      }
      if (p.kick()) {
        s.append("persistent_keepalive_interval=0\n");
      }
      if (p.keepaliveSeconds() >= 0) {
        s.append("persistent_keepalive_interval=").append(p.keepaliveSeconds()).append('\n');
      }
      if (p.allowedIps() != null) {
        s.append("replace_allowed_ips=true\n");
        p.allowedIps().forEach(ip -> s.append("allowed_ip=").append(ip).append('\n'));
      }
    }
    return s.append('\n').toString();
  }

  static String endpoint(InetSocketAddress a) {
    String host = a.getAddress().getHostAddress();
    return (host.indexOf(':') >= 0 ? "[" + host + "]" : host) + ":" + a.getPort();
  }

  /**
   * The answer's {@code errno}: 0 when the request was done; an {@link UapiException} naming it
   * otherwise, or when the answer has none.
   */
  static void checkErrno(String answer, String request) {
    for (String line : answer.split("\n")) {
      if (line.startsWith("errno=")) {
        int errno = Integer.parseInt(line.substring(6).strip());
        if (errno != 0) {
          throw new UapiException(request + " refused by wireguard-go: errno " + errno);
        }
        return;
      }
    }
    throw new UapiException(request + ": wireguard-go's answer has no errno");
  }

  /** The answer to {@code get=1} as a device state; unknown keys are skipped, as the protocol asks. */
  public static DeviceState parseGet(String answer) {
    checkErrno(answer, "get");
    PrivateWireKey privateKey = null;
    int port = 0;
    List<PeerState> peers = new ArrayList<>();
    PeerBuilder peer = null;
    for (String line : answer.split("\n")) {
      int eq = line.indexOf('=');
      if (eq <= 0) {
        continue;
      }
      String key = line.substring(0, eq);
      String value = line.substring(eq + 1);
      switch (key) {
        case "private_key" -> privateKey = PrivateWireKey.fromHex(value);
        case "listen_port" -> port = Integer.parseInt(value);
        case "public_key" -> {
          if (peer != null) {
            peers.add(peer.build());
          }
          peer = new PeerBuilder(WireKey.fromHex(value));
        }
        default -> {
          if (peer != null) {
            peer.take(key, value);
          }
        }
      }
    }
    if (peer != null) {
      peers.add(peer.build());
    }
    return new DeviceState(privateKey, port, peers);
  }

  private static final class PeerBuilder {
    private final WireKey key;
    private InetSocketAddress endpoint;
    private final List<IpNet> allowed = new ArrayList<>();
    private int keepalive;
    private long rx;
    private long tx;
    private long handshake;

    PeerBuilder(WireKey key) {
      this.key = key;
    }

    void take(String key, String value) {
      switch (key) {
        case "endpoint" -> endpoint = parseEndpoint(value);
        case "allowed_ip" -> allowed.add(IpNet.parse(value));
        case "persistent_keepalive_interval" -> keepalive = Integer.parseInt(value);
        case "rx_bytes" -> rx = Long.parseLong(value);
        case "tx_bytes" -> tx = Long.parseLong(value);
        case "last_handshake_time_sec" -> handshake = Long.parseLong(value);
        default -> { }
      }
    }

    PeerState build() {
      return new PeerState(key, endpoint, allowed, keepalive, rx, tx, handshake);
    }
  }

  static InetSocketAddress parseEndpoint(String text) {
    int colon = text.lastIndexOf(':');
    if (colon <= 0) {
      throw new UapiException("not an endpoint: " + text);
    }
    String host = text.substring(0, colon);
    if (host.startsWith("[") && host.endsWith("]")) {
      host = host.substring(1, host.length() - 1);
    }
    InetAddress address = IpNet.parseIp(host);
    return new InetSocketAddress(address, Integer.parseInt(text.substring(colon + 1)));
  }
}
