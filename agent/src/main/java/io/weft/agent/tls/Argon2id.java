package io.weft.agent.tls;

import org.bouncycastle.crypto.generators.Argon2BytesGenerator;
import org.bouncycastle.crypto.params.Argon2Parameters;

/**
 * Argon2id (RFC 9106, version 0x13) through BouncyCastle: memory-hard, so a GPU or a chip made
 * for guessing gains little over the machine that derives once. BouncyCastle keeps the whole
 * memory on the Java heap while it works: call it where that heap is not the agent's ({@link
 * IsolatedDerivation}).
 */
final class Argon2id {

  private Argon2id() {}

  /**
   * The tag of {@code password} under {@code salt}.
   *
   * @param secret RFC 9106's optional key K, or null
   * @param associated RFC 9106's optional associated data X, or null
   */
  static byte[] hash(byte[] password, byte[] salt, byte[] secret, byte[] associated, int memoryKiB,
      int passes, int lanes, int length) {
    Argon2Parameters.Builder parameters = new Argon2Parameters.Builder(Argon2Parameters.ARGON2_id)
        .withVersion(Argon2Parameters.ARGON2_VERSION_13).withSalt(salt)
        .withMemoryAsKB(memoryKiB).withIterations(passes).withParallelism(lanes);
    if (secret != null) {
      parameters.withSecret(secret);
    }
    if (associated != null) {
      parameters.withAdditional(associated);
    }
    Argon2BytesGenerator generator = new Argon2BytesGenerator();
    generator.init(parameters.build());
    byte[] tag = new byte[length];
    generator.generateBytes(password, tag);
    return tag;
  }
}
