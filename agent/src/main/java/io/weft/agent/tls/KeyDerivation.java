package io.weft.agent.tls;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.Arrays;
import java.util.HexFormat;
import javax.crypto.Mac;
import javax.crypto.SecretKeyFactory;
import javax.crypto.spec.PBEKeySpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * Turns the fleet password into secrets, deterministically and slowly: PBKDF2-HMAC-SHA256 (the
 * JDK's) over the password with a salt naming the scheme, then one HMAC per purpose ("labels", as
 * HKDF-Expand does) so each use gets an independent 32-byte secret.
 *
 * <p>The cost matters only for passwords people choose: anyone who reaches an agent's TLS port
 * is shown a certificate signed by the fleet's CA (the server sends its certificate before it
 * asks for the client's), so they can test guesses offline at one derivation per guess. A
 * generated password (128 random bits) makes that hopeless whatever the cost.
 */
public final class KeyDerivation {

  /** About 0.5 s once at an agent's start on a 2-core machine with SHA instructions. */
  public static final int ITERATIONS = 1_000_000;
  /**
   * The salt. Every fleet shares it: a joining host must derive its keys before it can ask
   * anyone anything, so there is no per-fleet value it could know.
   */
  static final String SCHEME = "weft-fleet-v1";

  private final byte[] master;

  private KeyDerivation(byte[] master) {
    this.master = master;
  }

  /** The derivation of {@code password} at the cost weft uses. */
  public static KeyDerivation fromPassword(char[] password) {
    return fromPassword(password, ITERATIONS);
  }

  /** As {@link #fromPassword(char[])} at another cost: tests use a low one. */
  public static KeyDerivation fromPassword(char[] password, int iterations) {
    PBEKeySpec spec = new PBEKeySpec(password, SCHEME.getBytes(StandardCharsets.UTF_8), iterations, 256);
    try {
      return new KeyDerivation(SecretKeyFactory.getInstance("PBKDF2WithHmacSHA256")
          .generateSecret(spec).getEncoded());
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("PBKDF2WithHmacSHA256 is part of every JDK", e);
    } finally {
      spec.clearPassword();
    }
  }

  /** A derivation made earlier, from its master secret ({@link KeyCache}). */
  static KeyDerivation fromMaster(byte[] master) {
    return new KeyDerivation(master.clone());
  }

  byte[] master() {
    return master.clone();
  }

  /** A 32-byte secret for one purpose, e.g. {@code "ca-ed25519"}. */
  public byte[] secret(String label) {
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(master, "HmacSHA256"));
      mac.update(label.getBytes(StandardCharsets.UTF_8));
      mac.update((byte) 1);
      return mac.doFinal();
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("HmacSHA256 is part of every JDK", e);
    }
  }

  /**
   * A Hazelcast cluster name only the fleet knows. Hazelcast's open-source edition checks nothing
   * but the cluster name when a member joins, so a secret name keeps out a local process that can
   * reach the loopback port but cannot read the agent's memory.
   */
  public String clusterName() {
    return "weft-" + HexFormat.of().formatHex(secret("hazelcast-cluster-name"), 0, 16);
  }

  /** Forgets the master secret. */
  public void destroy() {
    Arrays.fill(master, (byte) 0);
  }
}
