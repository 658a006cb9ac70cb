package io.weft.agent.tls;

import io.weft.common.agent.FleetPassword;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.Arrays;
import java.util.HexFormat;
import javax.crypto.Mac;
import javax.crypto.SecretKeyFactory;
import javax.crypto.spec.PBEKeySpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * Turns the fleet password into secrets, deterministically and slowly: a master secret from the
 * password and the fleet's salt ({@link FleetSalt}), then one HMAC per purpose ("labels", as
 * HKDF-Expand does) so each use gets an independent 32-byte secret.
 *
 * <p>The master secret: in the second scheme, Argon2id over the password with the fleet's random
 * id as salt and the scheme's name as associated data, at {@link DerivationCost#STANDARD}; in
 * the first (fleets founded before), PBKDF2-HMAC-SHA256 (the JDK's) with the salt {@code
 * weft-fleet-v1} that every such fleet shares.
 *
 * <p>The cost matters only for passwords people choose: anyone who reaches an agent's TLS port
 * is shown a certificate signed by the fleet's CA, so they can test guesses offline at one
 * derivation per guess. A generated password (128 random bits) makes that hopeless whatever the
 * cost; the salt makes each fleet a guessing run of its own.
 */
public final class KeyDerivation {

  private static final int MASTER_BYTES = 32;

  private final byte[] master;

  private KeyDerivation(byte[] master) {
    this.master = master;
  }

  /** The derivation of {@code password} in {@code salt}'s scheme at {@code cost}, in this JVM. */
  public static KeyDerivation derive(FleetPassword password, FleetSalt salt, DerivationCost cost) {
    if (salt.scheme() == FleetSalt.Scheme.PBKDF2_V1) {
      return fromPassword(password.reveal().toCharArray(), cost.iterations());
    }
    byte[] text = password.bytes();
    try {
      return new KeyDerivation(Argon2id.hash(text, salt.bytes(), null,
          salt.scheme().label().getBytes(StandardCharsets.UTF_8), cost.memoryKiB(), cost.passes(),
          cost.lanes(), MASTER_BYTES));
    } finally {
      Arrays.fill(text, (byte) 0);
    }
  }

  /**
   * The first scheme's derivation (PBKDF2, the salt every fleet of it shares) at {@code
   * iterations}: fleets founded before per-fleet salts, and tests that need keys quickly.
   */
  public static KeyDerivation fromPassword(char[] password, int iterations) {
    PBEKeySpec spec = new PBEKeySpec(password, FleetSalt.Scheme.PBKDF2_V1.label().getBytes(StandardCharsets.UTF_8),
        iterations, MASTER_BYTES * 8);
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
    if (master.length != MASTER_BYTES) {
      throw new IllegalArgumentException("a master secret is " + MASTER_BYTES + " bytes");
    }
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
