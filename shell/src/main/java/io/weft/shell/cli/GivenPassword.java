package io.weft.shell.cli;

import io.weft.common.ErrorCode;
import io.weft.common.WeftException;
import io.weft.common.agent.FleetPassword;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * The fleet password an operator gives {@code weft launch}: in {@link FleetPassword#ENVIRONMENT}
 * (as Weave's {@code WEAVE_PASSWORD} was) or in a file, never on the command line, where any
 * process of the machine could read it. One below the strength floor is refused unless forced
 * ({@link PasswordStrength}).
 */
final class GivenPassword {

  private GivenPassword() {}

  /**
   * The password given, if any.
   *
   * @param file {@code --password-file}'s value, or null
   * @param force whether a password below the strength floor is taken all the same
   */
  static Optional<FleetPassword> read(String file, boolean force) {
    String environment = System.getenv(FleetPassword.ENVIRONMENT);
    if (file != null && environment != null) {
      throw new WeftException(ErrorCode.BAD_REQUEST, "give the fleet password one way: "
          + FleetPassword.ENVIRONMENT + " or --password-file, not both");
    }
    Optional<FleetPassword> given = Optional.empty();
    if (file != null) {
      try {
        given = Optional.of(FleetPassword.fromFile(Files.readString(Path.of(file))));
      } catch (IOException e) {
        throw new WeftException(ErrorCode.BAD_REQUEST, "cannot read the password file " + file
            + ": " + e.getMessage());
      }
    } else if (environment != null) {
      given = Optional.of(FleetPassword.of(environment));
    }
    if (!force) {
      given.ifPresent(PasswordStrength::check);
    }
    return given;
  }
}
