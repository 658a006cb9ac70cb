package io.weft.common.net;

import io.weft.common.ErrorCode;
import io.weft.common.WeftException;

/** A PEER as users give it to launch, connect and forget: an IPv4 address or a host name. */
public final class PeerName {

  private PeerName() {}

  /** Returns {@code text} when it has the shape of an address or a host name; else BAD_REQUEST. */
  public static String check(String text) {
    if (text == null || !text.matches("[A-Za-z0-9]([A-Za-z0-9.-]{0,252})")) {
      throw new WeftException(ErrorCode.BAD_REQUEST,
          "'" + text + "' is not a peer (an IPv4 address or a host name)");
    }
    if (text.matches("[0-9.]+")) {
      Ipv4.parse(text);
    }
    return text;
  }
}
