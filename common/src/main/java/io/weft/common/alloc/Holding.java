package io.weft.common.alloc;

import io.weft.common.net.Cidr;
import java.time.Instant;

/**
 * One address as the fleet's record shows it held: by a container on a host (or that host's
 * bridge), since when, and the MAC it answers at.
 */
public record Holding(Cidr cidr, String host, String container, Instant since, String mac) {

  /** The key that puts the holder first, so one address held twice shows as two entries. */
  public String key() {
    return host + "|" + container + "|" + cidr.address();
  }
}
