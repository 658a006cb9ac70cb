package io.weft.common.net;

import io.weft.common.ErrorCode;
import io.weft.common.WeftException;

/**
 * An address with its prefix length, as given to {@code attach 10.32.1.5/12}: the address a
 * container gets and the subnet it is on.
 */
public record Cidr(Ipv4 address, int prefixLength) {

  /** A prefix length as weft reads one, in any CIDR: decimal, no leading zeros. */
  public static final String PREFIX = "0|[1-9][0-9]{0,2}";

  public Cidr {
    if (prefixLength < 0 || prefixLength > 32) {
      throw new WeftException(ErrorCode.BAD_CIDR, "prefix length " + prefixLength + " is not 0..32");
    }
  }

  /** Parses {@code A.B.C.D/N}: the address as {@link Ipv4#parse} reads one, the prefix as {@link #PREFIX}. */
  public static Cidr parse(String text) {
    int slash = text.indexOf('/');
    if (slash < 0) {
      throw new WeftException(ErrorCode.BAD_CIDR,
          "'" + text + "' is not a CIDR (address/prefix, e.g. 10.32.1.5/12)");
    }
    String prefix = text.substring(slash + 1);
    if (!prefix.matches(PREFIX)) {
      throw new WeftException(ErrorCode.BAD_CIDR, "'" + text + "' has no valid prefix length");
    }
    int length = Integer.parseInt(prefix);
    if (length > 32) {
      throw new WeftException(ErrorCode.BAD_CIDR, "'" + text + "' has a prefix length over 32");
    }
    return new Cidr(Ipv4.parse(text.substring(0, slash)), length);
  }

  /** True when {@code text} has the shape of a CIDR, right or wrong; a container name never does. */
  public static boolean looksLikeCidr(String text) {
    return text.matches("[0-9.]+/[0-9]*");
  }

  public int mask() {
    return prefixLength == 0 ? 0 : -1 << (32 - prefixLength);
  }

  public Ipv4 network() {
    return new Ipv4(address.bits() & mask());
  }

  public Ipv4 broadcast() {
    return new Ipv4(address.bits() | ~mask());
  }

  public long size() {
    return 1L << (32 - prefixLength);
  }

  public boolean contains(Ipv4 other) {
    return (other.bits() & mask()) == network().bits();
  }

  /** True when the two subnets share any address. */
  public boolean overlaps(Cidr other) {
    int shorter = Math.min(prefixLength, other.prefixLength);
    int mask = shorter == 0 ? 0 : -1 << (32 - shorter);
    return (address.bits() & mask) == (other.address.bits() & mask);
  }

  /**
   * Refuses an address no container should have: the subnet's own network or broadcast
   * address, loopback, multicast, reserved, "this network", or a prefix too long to reach
   * anything.
   */
  public Cidr requireHostAddress() {
    int first = address.bits() >>> 24;
    String why = null;
    if (prefixLength < 1 || prefixLength > 30) {
      why = "the prefix length must be 1 to 30";
    } else if (first == 0) {
      why = "0.0.0.0/8 means this network";
    } else if (first == 127) {
      why = "127.0.0.0/8 is loopback";
    } else if (first >= 224) {
      why = first < 240 ? "224.0.0.0/4 is multicast" : "240.0.0.0/4 is reserved";
    } else if (address.equals(network())) {
      why = "it is the network address of " + network() + "/" + prefixLength;
    } else if (address.equals(broadcast())) {
      why = "it is the broadcast address of " + network() + "/" + prefixLength;
    }
    if (why != null) {
      throw new WeftException(ErrorCode.BAD_CIDR, "cannot give a container " + this + ": " + why);
    }
    return this;
  }

  /** The subnet itself, {@code 10.32.0.0/12} for {@code 10.32.1.5/12}. */
  public Cidr subnet() {
    return new Cidr(network(), prefixLength);
  }

  @Override
  public String toString() {
    return address + "/" + prefixLength;
  }
}
