package io.weft.shell.cli;

import com.nulabinc.zxcvbn.Strength;
import com.nulabinc.zxcvbn.Zxcvbn;
import io.weft.common.ErrorCode;
import io.weft.common.WeftException;
import io.weft.common.agent.FleetPassword;
import java.util.List;

/**
 * The floor a fleet password someone chose must clear: anyone who reaches a host's fleet ports
 * is shown a certificate of the fleet's CA and can test guesses offline, at one Argon2id
 * derivation each. zxcvbn (Dropbox's estimator, in nulab's Java port) estimates how many guesses
 * a password falls to, knowing dictionaries, names, keyboard walks, dates, repeats and l33t; the
 * floor is {@value #FLOOR_LOG10} as a power of ten: at ten thousand derivations a second (a few
 * GPUs against 64 MiB of Argon2id) that is three years. docs/security.md says the same.
 */
final class PasswordStrength {

  /** The floor, as the base-10 logarithm of the estimated guesses. */
  static final int FLOOR_LOG10 = 12;
  /** Words a guesser of a weft fleet's password tries first. */
  private static final List<String> OBVIOUS = List.of("weft", "fleet", "weave", "docker", "overlay", "password");

  private PasswordStrength() {}

  /** The estimated guesses, as a base-10 logarithm. */
  static double guessesLog10(FleetPassword password) {
    return measure(password).getGuessesLog10();
  }

  /** Refuses a password below the floor with one line that says why and what to do. */
  static void check(FleetPassword password) {
    Strength strength = measure(password);
    if (strength.getGuessesLog10() < FLOOR_LOG10) {
      String warning = strength.getFeedback().getWarning();
      throw new WeftException(ErrorCode.BAD_REQUEST, "the fleet password is too weak: about 10^"
          + (int) Math.floor(strength.getGuessesLog10()) + " guesses find it offline, under the floor of 10^"
          + FLOOR_LOG10 + (warning == null || warning.isBlank() ? "" : " (" + warning.strip() + ")")
          + "; use a longer one (five or more random words), give none to a new fleet for one made "
          + "for it, or launch with --force (docs/security.md)");
    }
  }

  private static Strength measure(FleetPassword password) {
    return Estimator.ZXCVBN.measure(password.reveal(), OBVIOUS);
  }

  /** Made at first use: its dictionaries take a moment to load, and only launch needs them. */
  private static final class Estimator {
    static final Zxcvbn ZXCVBN = new Zxcvbn();
  }
}
