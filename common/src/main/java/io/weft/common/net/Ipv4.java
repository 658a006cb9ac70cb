package io.weft.common.net;

import io.weft.common.ErrorCode;
import io.weft.common.WeftException;
import java.util.regex.Pattern;

/** An IPv4 address as its 32 bits. */
public record Ipv4(int bits) implements Comparable<Ipv4> {

  /**
   * One decimal part, no leading zero. Compiled once: {@code String.matches} compiled it for every
   * part of every address, and the agent parses addresses several times a second at rest
   * (WireGuard's peers, read five times a second).
   */
  private static final Pattern PART = Pattern.compile("0|[1-9][0-9]{0,2}");

  /** Parses dotted-quad notation strictly: four decimal parts 0..255, no leading zeros. */
  public static Ipv4 parse(String text) {
    String[] parts = text.split("\\.", -1);
    if (parts.length != 4) {
      throw bad(text);
    }
    int bits = 0;
    for (String part : parts) {
      if (!PART.matcher(part).matches()) {
        throw bad(text);
      }
      int value = Integer.parseInt(part);
      if (value > 255) {
        throw bad(text);
      }
      bits = (bits << 8) | value;
    }
    return new Ipv4(bits);
  }

  public byte[] toBytes() {
    return new byte[] {(byte) (bits >>> 24), (byte) (bits >>> 16), (byte) (bits >>> 8), (byte) bits};
  }

  public Ipv4 plus(long offset) {
    return new Ipv4((int) (Integer.toUnsignedLong(bits) + offset));
  }

  @Override
  public int compareTo(Ipv4 other) {
    return Integer.compareUnsigned(bits, other.bits);
  }

  @Override
  public String toString() {
    return (bits >>> 24) + "." + ((bits >>> 16) & 255) + "." + ((bits >>> 8) & 255) + "." + (bits & 255);
  }

  private static WeftException bad(String text) {
    return new WeftException(ErrorCode.BAD_CIDR, "'" + text + "' is not an IPv4 address");
  }
}
