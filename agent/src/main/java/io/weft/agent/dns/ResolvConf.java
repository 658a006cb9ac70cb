package io.weft.agent.dns;

import io.weft.common.WeftException;
import io.weft.common.net.Ipv4;
import java.util.ArrayList;
import java.util.List;

/** The resolvers a resolv.conf names: its {@code nameserver} lines with an IPv4 address, in order. */
final class ResolvConf {

  private ResolvConf() {}

  static List<Ipv4> nameservers(String text) {
    List<Ipv4> servers = new ArrayList<>();
    for (String line : text.split("\n")) {
      String[] words = line.strip().split("\\s+");
      if (words.length >= 2 && words[0].equals("nameserver")) {
        try {
          Ipv4 server = Ipv4.parse(words[1]);
          if (!servers.contains(server)) {
            servers.add(server);
          }
        } catch (WeftException notIpv4) {
          // an IPv6 resolver: weft forwards over IPv4 only
        }
      }
    }
    return servers;
  }
}
