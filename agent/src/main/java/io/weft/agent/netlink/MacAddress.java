package io.weft.agent.netlink;

import java.util.Arrays;
import java.util.HexFormat;

/** An Ethernet address (6 bytes). */
public final class MacAddress {

  /** 00:00:00:00:00:00, the FDB entry that floods to a remote VTEP. */
  public static final MacAddress ZERO = new MacAddress(new byte[6]);

  private final byte[] bytes;

  private MacAddress(byte[] bytes) {
    this.bytes = bytes;
  }

  public static MacAddress of(byte[] bytes) {
    if (bytes == null || bytes.length != 6) {
      throw new IllegalArgumentException("a MAC address has 6 bytes");
    }
    return new MacAddress(bytes.clone());
  }

  /** Parses {@code aa:bb:cc:dd:ee:ff}; anything else is an {@link InvalidArgumentException}. */
  public static MacAddress parse(String s) {
    String[] parts = s == null ? new String[0] : s.split(":", -1);
    if (parts.length != 6) {
      throw InvalidArgumentException.rejected("macParse(" + s + ")", "invalid MAC address \"" + s + "\"");
    }
    byte[] b = new byte[6];
    for (int i = 0; i < 6; i++) {
      if (parts[i].length() != 2) {
        throw InvalidArgumentException.rejected("macParse(" + s + ")", "invalid MAC address \"" + s + "\"");
      }
      try {
        b[i] = (byte) HexFormat.fromHexDigits(parts[i]);
      } catch (IllegalArgumentException e) {
        throw InvalidArgumentException.rejected("macParse(" + s + ")", "invalid MAC address \"" + s + "\"");
      }
    }
    return new MacAddress(b);
  }

  public byte[] bytes() {
    return bytes.clone();
  }

  public boolean isZero() {
    return equals(ZERO);
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof MacAddress m && Arrays.equals(bytes, m.bytes);
  }

  @Override
  public int hashCode() {
    return Arrays.hashCode(bytes);
  }

  @Override
  public String toString() {
    return HexFormat.ofDelimiter(":").formatHex(bytes);
  }
}
