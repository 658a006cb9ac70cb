package io.weft.common.agent;

import io.weft.common.ErrorCode;
import io.weft.common.WeftException;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Optional;

/**
 * The secret a fleet's hosts share, as Weave's {@code WEAVE_PASSWORD} was: every key and
 * certificate of the fleet comes from it, and a host without it can neither join nor command.
 * Any string works here; the command line refuses one a person chose that is too easy to guess
 * unless forced. {@link #generate} makes 128 random bits, which is what weft does for a new fleet
 * when none is given. Its text never appears in {@link #toString}.
 */
public final class FleetPassword {

  /** Where {@code weft} reads a password from its environment. */
  public static final String ENVIRONMENT = "WEFT_PASSWORD";
  private static final int GENERATED_BYTES = 16;

  private final String text;

  private FleetPassword(String text) {
    if (text.isEmpty()) {
      throw new WeftException(ErrorCode.BAD_REQUEST, "the fleet password is empty");
    }
    this.text = text;
  }

  /** A password as given, exactly. */
  public static FleetPassword of(String text) {
    return new FleetPassword(text);
  }

  /**
   * A password read from a file: without the line end a file usually has after its one line
   * ({@code echo secret > file}), so that what was typed is what counts.
   */
  public static FleetPassword fromFile(String content) {
    String text = content.endsWith("\r\n") ? content.substring(0, content.length() - 2)
        : content.endsWith("\n") ? content.substring(0, content.length() - 1) : content;
    return new FleetPassword(text);
  }

  /** 128 random bits, as 22 characters of URL-safe base64: nothing a shell would mangle. */
  public static FleetPassword generate() {
    byte[] bits = new byte[GENERATED_BYTES];
    new SecureRandom().nextBytes(bits);
    return new FleetPassword(Base64.getUrlEncoder().withoutPadding().encodeToString(bits));
  }

  /**
   * The password a launch uses: the one the host keeps from an earlier launch, the one given,
   * or a new one for a new fleet. A host that keeps another password than the one given is
   * refused (moving a host between fleets is done by removing its state), and so is joining a
   * fleet without its password.
   *
   * @param kept what the host's state volume holds
   * @param given what the operator gave ({@link #ENVIRONMENT} or a file)
   * @param joining whether the launch names peers to join
   */
  public static FleetPassword choose(Optional<FleetPassword> kept, Optional<FleetPassword> given,
      boolean joining) {
    if (kept.isPresent() && given.isPresent() && !kept.get().equals(given.get())) {
      throw new WeftException(ErrorCode.BAD_REQUEST, "this host keeps the password of another "
          + "fleet than the one given; to move it, remove its agent first (docker rm -f weft; "
          + "docker volume rm weft-state)");
    }
    if (kept.isPresent()) {
      return kept.get();
    }
    if (given.isPresent()) {
      return given.get();
    }
    if (joining) {
      throw new WeftException(ErrorCode.BAD_REQUEST, "joining a fleet needs its password: set "
          + ENVIRONMENT + " or give --password-file FILE (weft password on one of its hosts shows it)");
    }
    return generate();
  }

  /** The text itself: for the key derivation and the state file, never for a log. */
  public String reveal() {
    return text;
  }

  public byte[] bytes() {
    return text.getBytes(StandardCharsets.UTF_8);
  }

  @Override
  public boolean equals(Object other) {
    return other instanceof FleetPassword p && p.text.equals(text);
  }

  @Override
  public int hashCode() {
    return text.hashCode();
  }

  @Override
  public String toString() {
    return "(a fleet password)";
  }
}
