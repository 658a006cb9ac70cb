package io.weft.common;

/**
 * The exit status of every weft command, the command line's and the image's alike: 0 done, 1 could
 * not be carried out, 2 used wrongly.
 */
public final class ExitStatus {

  public static final int OK = 0;
  public static final int FAILED = 1;
  public static final int USAGE = 2;

  private ExitStatus() {}

  /** The status a command that failed with {@code code} ends with; {@link #OK} for null. */
  public static int of(ErrorCode code) {
    if (code == null) {
      return OK;
    }
    return code.isUsage() ? USAGE : FAILED;
  }
}
