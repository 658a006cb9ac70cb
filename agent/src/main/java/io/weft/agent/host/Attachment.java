package io.weft.agent.host;

import io.weft.common.net.Cidr;
import java.util.List;

/**
 * What an attach did: the MAC of the interface, the addresses added now, and every address the
 * interface has after it.
 */
public record Attachment(String mac, List<Cidr> added, List<Cidr> addresses) {

  public Attachment {
    added = List.copyOf(added);
    addresses = List.copyOf(addresses);
  }
}
