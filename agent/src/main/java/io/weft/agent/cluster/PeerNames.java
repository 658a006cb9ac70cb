package io.weft.agent.cluster;

import io.weft.common.ErrorCode;
import io.weft.common.WeftException;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Arrays;

/** Turns a PEER as users give it (an address or a host name) into an IPv4 address. */
public final class PeerNames {

  private PeerNames() {}

  public static String resolve(String peer) {
    try {
      return Arrays.stream(InetAddress.getAllByName(peer))
          .filter(a -> a instanceof Inet4Address).map(InetAddress::getHostAddress).findFirst()
          .orElseThrow(() -> new UnknownHostException("no IPv4 address"));
    } catch (UnknownHostException e) {
      throw new WeftException(ErrorCode.BAD_REQUEST,
          "cannot resolve peer '" + peer + "' to an IPv4 address on this host");
    }
  }
}
