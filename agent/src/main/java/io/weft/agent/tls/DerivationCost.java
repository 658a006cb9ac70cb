package io.weft.agent.tls;

/**
 * What deriving a fleet's keys from its password costs: Argon2id's memory, passes and lanes in
 * the second scheme, PBKDF2's iterations in the first ({@link FleetSalt.Scheme}). A kept
 * derivation ({@link KeyCache}) is taken only at the cost it was made with.
 *
 * @param memoryKiB Argon2id's memory, in KiB
 * @param passes Argon2id's passes over it (its "t")
 * @param lanes Argon2id's lanes (its "p"); BouncyCastle fills them one after the other
 * @param iterations PBKDF2-HMAC-SHA256's iterations, for fleets of the first scheme
 */
public record DerivationCost(int memoryKiB, int passes, int lanes, int iterations) {

  /**
   * RFC 9106's second recommended option (64 MiB, 3 passes, 4 lanes), for machines whose memory
   * is counted: about a second once at a host's first start, in a JVM of its own ({@link
   * IsolatedDerivation}). The first scheme's million PBKDF2 iterations are what it always had.
   */
  public static final DerivationCost STANDARD = new DerivationCost(64 * 1024, 3, 4, 1_000_000);

  /** A few milliseconds: for tests that need keys, not their cost. */
  public static final DerivationCost CHEAP = new DerivationCost(64, 1, 1, 1000);

  public DerivationCost {
    if (lanes < 1 || memoryKiB < 8 * lanes || passes < 1 || iterations < 1) {
      throw new IllegalArgumentException("not a derivation cost: " + memoryKiB + " KiB, "
          + passes + " passes, " + lanes + " lanes, " + iterations + " iterations");
    }
  }

  /** {@code Argon2id m=65536 KiB t=3 p=4}, for logs. */
  public String describe(FleetSalt.Scheme scheme) {
    return scheme == FleetSalt.Scheme.PBKDF2_V1
        ? "PBKDF2-HMAC-SHA256, " + iterations + " iterations"
        : "Argon2id, " + memoryKiB / 1024 + " MiB, " + passes + " passes, " + lanes + " lanes";
  }
}
