package io.weft.common.process;

import java.util.List;

/** A program run on this machine failed; the message carries its last line of complaint. */
public final class HostProcessException extends RuntimeException {

  private final int exitCode;

  public HostProcessException(List<String> command, int exitCode, String why) {
    super(String.join(" ", command.subList(0, Math.min(3, command.size())))
        + (command.size() > 3 ? " ..." : "") + " failed: " + why);
    this.exitCode = exitCode;
  }

  public int exitCode() {
    return exitCode;
  }
}
