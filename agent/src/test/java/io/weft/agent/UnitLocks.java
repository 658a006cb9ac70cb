package io.weft.agent;

/**
 * Locks of the agent's unit test classes, which run three at a time (the module's surefire
 * configuration).
 */
public final class UnitLocks {

  /**
   * Held by each class that makes TLS handshakes, derives keys or runs Hazelcast members under
   * the agent's own time bounds: such classes run one at a time, beside classes that do none.
   * Two of them side by side took a first handshake past its 5 s bound on two loaded cores.
   */
  public static final String BOUNDED_CRYPTO = "weft.bounded-crypto";

  private UnitLocks() {}
}
