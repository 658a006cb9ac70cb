package io.weft.agent.wireguard;

/** wireguard-go refused a request, or could not be asked. */
public final class UapiException extends RuntimeException {

  public UapiException(String message) {
    super(message);
  }

  public UapiException(String message, Throwable cause) {
    super(message, cause);
  }
}
