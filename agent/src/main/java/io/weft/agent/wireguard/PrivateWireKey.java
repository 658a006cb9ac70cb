package io.weft.agent.wireguard;

import java.math.BigInteger;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPairGenerator;
import java.security.interfaces.XECPrivateKey;
import java.security.spec.NamedParameterSpec;
import java.security.spec.XECPrivateKeySpec;
import java.security.spec.XECPublicKeySpec;
import java.util.Arrays;
import java.util.Base64;
import java.util.HexFormat;
import javax.crypto.KeyAgreement;

/**
 * A host's WireGuard private key: a Curve25519 scalar, made by the JDK's X25519 generator and
 * clamped as {@code wg genkey} leaves it. Its public key is X25519 of it and the base point,
 * which the JDK's key agreement computes. Never printed: {@link #toString} says what it is, not
 * what it holds.
 */
public final class PrivateWireKey {

  private static final BigInteger BASE_POINT = BigInteger.valueOf(9);

  private final byte[] scalar;

  private PrivateWireKey(byte[] scalar) {
    if (scalar.length != WireKey.LENGTH) {
      throw new IllegalArgumentException("a WireGuard key is 32 bytes, not " + scalar.length);
    }
    this.scalar = scalar.clone();
  }

  /** A new key from the JDK's X25519 generator. */
  public static PrivateWireKey generate() {
    try {
      XECPrivateKey key = (XECPrivateKey) KeyPairGenerator.getInstance("X25519").generateKeyPair().getPrivate();
      byte[] scalar = key.getScalar().orElseThrow(() -> new IllegalStateException("no X25519 scalar"));
      // clamped as RFC 7748 and wg genkey have it, so the stored key is the one in use
      scalar[0] &= (byte) 248;
      scalar[31] &= (byte) 127;
      scalar[31] |= (byte) 64;
      return new PrivateWireKey(scalar);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("the JDK has no X25519", e);
    }
  }

  public static PrivateWireKey of(byte[] scalar) {
    return new PrivateWireKey(scalar);
  }

  public static PrivateWireKey fromBase64(String text) {
    try {
      return new PrivateWireKey(Base64.getDecoder().decode(text.strip()));
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("not a WireGuard private key (base64 of 32 bytes)");
    }
  }

  public static PrivateWireKey fromHex(String text) {
    try {
      return new PrivateWireKey(HexFormat.of().parseHex(text.strip()));
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("not a WireGuard private key (hex of 32 bytes)");
    }
  }

  /** X25519(this, 9): the key peers know this host by. */
  public WireKey publicKey() {
    try {
      KeyFactory keys = KeyFactory.getInstance("XDH");
      KeyAgreement agreement = KeyAgreement.getInstance("XDH");
      agreement.init(keys.generatePrivate(new XECPrivateKeySpec(NamedParameterSpec.X25519, scalar)));
      agreement.doPhase(keys.generatePublic(new XECPublicKeySpec(NamedParameterSpec.X25519, BASE_POINT)), true);
      return WireKey.of(agreement.generateSecret());
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("the JDK has no X25519", e);
    }
  }

  public String base64() {
    return Base64.getEncoder().encodeToString(scalar);
  }

  public String hex() {
    return HexFormat.of().formatHex(scalar);
  }

  public byte[] bytes() {
    return scalar.clone();
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof PrivateWireKey k && Arrays.equals(scalar, k.scalar);
  }

  @Override
  public int hashCode() {
    return Arrays.hashCode(scalar);
  }

  @Override
  public String toString() {
    return "(a WireGuard private key)";
  }
}
