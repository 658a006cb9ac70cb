package io.weft.agent.wireguard;

import java.util.Arrays;
import java.util.Base64;
import java.util.HexFormat;

/**
 * A WireGuard public key: 32 bytes of a Curve25519 point, written in base64 as {@code wg} and
 * the peer records show it, and in hex as the UAPI protocol takes it.
 */
public final class WireKey {

  public static final int LENGTH = 32;

  private final byte[] bytes;

  private WireKey(byte[] bytes) {
    if (bytes.length != LENGTH) {
      throw new IllegalArgumentException("a WireGuard key is 32 bytes, not " + bytes.length);
    }
    this.bytes = bytes.clone();
  }

  public static WireKey of(byte[] bytes) {
    return new WireKey(bytes);
  }

  /** The key from its base64 form; an IllegalArgumentException names what is wrong. */
  public static WireKey fromBase64(String text) {
    try {
      return new WireKey(Base64.getDecoder().decode(text.strip()));
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("not a WireGuard key: " + e.getMessage());
    }
  }

  public static WireKey fromHex(String text) {
    try {
      return new WireKey(HexFormat.of().parseHex(text.strip()));
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("not a WireGuard key: " + e.getMessage());
    }
  }

  public byte[] bytes() {
    return bytes.clone();
  }

  public String base64() {
    return Base64.getEncoder().encodeToString(bytes);
  }

  public String hex() {
    return HexFormat.of().formatHex(bytes);
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof WireKey k && Arrays.equals(bytes, k.bytes);
  }

  @Override
  public int hashCode() {
    return Arrays.hashCode(bytes);
  }

  @Override
  public String toString() {
    return base64();
  }
}
