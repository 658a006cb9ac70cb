package io.weft.common.command;

import io.weft.common.ErrorCode;
import io.weft.common.WeftException;
import io.weft.common.net.Cidr;
import java.util.ArrayList;
import java.util.List;

/**
 * What one command may ask of a host's addresses, checked wherever a command is made (words,
 * a message, a record in code): a bounded number of them, and, for attach and expose, no
 * prefix so short that its route would take over a large part of the address space (a {@code
 * /4} on the bridge catches every private network the host reaches) unless forced.
 */
final class AddressLimits {

  static final int MAX_CIDRS = 32;
  static final int SHORTEST_PREFIX = 8;
  static final String FORCE = "--force";

  private AddressLimits() {}

  static void few(List<Cidr> cidrs) {
    if (cidrs.size() > MAX_CIDRS) {
      throw new WeftException(ErrorCode.BAD_REQUEST, "a command names at most " + MAX_CIDRS
          + " addresses, not " + cidrs.size());
    }
  }

  /** Refuses a prefix shorter than {@value #SHORTEST_PREFIX} unless {@code force}. */
  static void narrowEnough(List<Cidr> cidrs, boolean force) {
    for (Cidr cidr : cidrs) {
      if (!force && cidr.prefixLength() < SHORTEST_PREFIX) {
        throw new WeftException(ErrorCode.BAD_CIDR, cidr + ": a prefix shorter than /"
            + SHORTEST_PREFIX + " routes a large part of the address space into weft; give "
            + FORCE + " if that is meant");
      }
    }
  }

  /** Words with {@value #FORCE} among them: whether it was there, and the others. */
  record Forced(boolean force, List<String> rest) {
    static Forced of(List<String> words) {
      List<String> rest = new ArrayList<>(words);
      boolean force = rest.remove(FORCE);
      if (rest.remove(FORCE)) {
        throw new WeftException(ErrorCode.BAD_REQUEST, FORCE + " given twice");
      }
      return new Forced(force, rest);
    }
  }
}
