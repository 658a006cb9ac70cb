package io.weft.common;

/** A command failed for a reason weft can name: carries the code and a one-line message. */
public class WeftException extends RuntimeException {

  private final ErrorCode code;

  public WeftException(ErrorCode code, String message) {
    super(message);
    this.code = code;
  }

  public WeftException(ErrorCode code, String message, Throwable cause) {
    super(message, cause);
    this.code = code;
  }

  public ErrorCode code() {
    return code;
  }
}
