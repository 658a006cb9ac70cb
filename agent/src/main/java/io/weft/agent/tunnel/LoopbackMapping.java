package io.weft.agent.tunnel;

import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;

/**
 * The lossless correspondence between a host's underlay address and the loopback address its
 * Hazelcast binds to and advertises: {@code a.b.c.d} is {@code 127.b.c.d}, port {@code base + a}.
 * Every agent can turn any member address it meets back into the underlay address to tunnel to,
 * without asking anyone. (All of 127.0.0.0/8 is local on Linux: nothing to configure.)
 *
 * <p>Not mappable: addresses whose last three bytes are 0.0.0 or 255.255.255 (the network and
 * broadcast address of 127/8), and IPv6.
 */
public final class LoopbackMapping {

  /** Below Linux's ephemeral range (32768-60999), so no outgoing socket ever holds one. */
  public static final int DEFAULT_PORT_BASE = 16000;

  private final int portBase;

  public LoopbackMapping(int portBase) {
    if (portBase < 1024 || portBase + 255 > 32767) {
      throw new IllegalArgumentException("port base " + portBase + " not in 1024..32512");
    }
    this.portBase = portBase;
  }

  public LoopbackMapping() {
    this(DEFAULT_PORT_BASE);
  }

  /** False for the addresses that have no alias (see the class comment). */
  public static boolean isMappable(Inet4Address underlay) {
    byte[] a = underlay.getAddress();
    boolean zero = a[1] == 0 && a[2] == 0 && a[3] == 0;
    boolean ones = a[1] == -1 && a[2] == -1 && a[3] == -1;
    return !zero && !ones;
  }

  public InetSocketAddress loopbackOf(Inet4Address underlay) {
    byte[] a = underlay.getAddress();
    if (!isMappable(underlay)) {
      throw new IllegalArgumentException(underlay.getHostAddress() + " has no loopback alias");
    }
    try {
      InetAddress loop = InetAddress.getByAddress(new byte[] {127, a[1], a[2], a[3]});
      return new InetSocketAddress(loop, portBase + (a[0] & 0xFF));
    } catch (UnknownHostException e) {
      throw new IllegalStateException(e);
    }
  }

  /** The underlay address behind a member address, or null if it is not one of ours. */
  public Inet4Address underlayOf(InetAddress host, int port) {
    byte[] l = host.getAddress();
    int first = port - portBase;
    if (l.length != 4 || l[0] != 127 || first < 1 || first > 255) {
      return null;
    }
    try {
      return (Inet4Address) InetAddress.getByAddress(new byte[] {(byte) first, l[1], l[2], l[3]});
    } catch (UnknownHostException e) {
      throw new IllegalStateException(e);
    }
  }

  /** "127.b.c.d:port" for Hazelcast's TCP-IP member list. */
  public String memberAddress(Inet4Address underlay) {
    InetSocketAddress l = loopbackOf(underlay);
    return l.getAddress().getHostAddress() + ":" + l.getPort();
  }

  /** An IPv4 literal, parsed here: no resolver is ever asked. */
  public static Inet4Address ipv4(String text) {
    String[] parts = text.split("\\.", -1);
    if (parts.length != 4) {
      throw new IllegalArgumentException(text + " is not an IPv4 address");
    }
    byte[] bytes = new byte[4];
    for (int i = 0; i < 4; i++) {
      if (!parts[i].matches("[0-9]{1,3}") || Integer.parseInt(parts[i]) > 255) {
        throw new IllegalArgumentException(text + " is not an IPv4 address");
      }
      bytes[i] = (byte) Integer.parseInt(parts[i]);
    }
    try {
      return (Inet4Address) InetAddress.getByAddress(bytes);
    } catch (UnknownHostException e) {
      throw new IllegalStateException(e);
    }
  }
}
