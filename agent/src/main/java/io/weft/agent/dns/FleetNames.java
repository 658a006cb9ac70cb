package io.weft.agent.dns;

import io.weft.common.net.Ipv4;
import java.util.Optional;

/**
 * weft's DNS on a launched agent as the command handlers see it: this host's records, its copy
 * of the fleet's names, the domain, and the address it answers at.
 */
public final class FleetNames {

  private final NameRecords records;
  private final NameIndex index;
  private final String domain;
  private volatile Ipv4 server;

  public FleetNames(NameRecords records, NameIndex index, String domain) {
    this.records = records;
    this.index = index;
    this.domain = domain;
  }

  public NameRecords records() {
    return records;
  }

  public NameIndex index() {
    return index;
  }

  /** The domain containers are known in, e.g. weft.local. */
  public String domain() {
    return domain;
  }

  /** The address this host's DNS answers at; empty until it has one. */
  public Optional<Ipv4> server() {
    return Optional.ofNullable(server);
  }

  /** Where this host's DNS answers now. */
  public void serveAt(Ipv4 address) {
    server = address;
  }
}
