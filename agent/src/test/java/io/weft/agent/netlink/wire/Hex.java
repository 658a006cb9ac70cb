package io.weft.agent.netlink.wire;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.ByteOrder;
import java.util.HexFormat;

/** Byte fixtures written as hex with spaces and {@code |} separators, as read off the kernel headers. */
public final class Hex {

  private Hex() {}

  public static byte[] bytes(String hex) {
    return HexFormat.of().parseHex(hex.replaceAll("[\\s|]", ""));
  }

  public static String of(byte[] b) {
    return HexFormat.ofDelimiter(" ").formatHex(b);
  }

  /** The fixtures are little-endian, as x86-64 and arm64 are. */
  public static void assumeLittleEndian() {
    assumeTrue(ByteOrder.nativeOrder() == ByteOrder.LITTLE_ENDIAN, "fixtures are little-endian");
  }
}
