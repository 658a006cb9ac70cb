package io.weft.agent.dns;

import io.weft.common.net.Ipv4;
import java.time.Duration;
import java.util.Optional;

/**
 * weft's DNS on a launched agent as the command handlers see it: this host's records, its copy
 * of the fleet's names, the domain, and the address it answers at. That address is the bridge's
 * and costs one of the host's addresses, so it is given only once something asks where DNS
 * answers ({@link #want}), or when the bridge has one already.
 */
public final class FleetNames {

  private final NameRecords records;
  private final NameIndex index;
  private final String domain;
  private volatile Ipv4 server;
  private volatile boolean wanted;
  private volatile Runnable wakeUp = () -> { };

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
  public synchronized void serveAt(Ipv4 address) {
    server = address;
    notifyAll();
  }

  /** Waits, at most {@code bound}, until this host's DNS answers somewhere; where, if it does. */
  public synchronized Optional<Ipv4> awaitServer(Duration bound) throws InterruptedException {
    long deadline = System.nanoTime() + bound.toNanos();
    while (server == null && System.nanoTime() < deadline) {
      wait(Math.max(1, (deadline - System.nanoTime()) / 1_000_000));
    }
    return server();
  }

  /** Whether something has asked where this host's DNS answers, so it must have an address. */
  public boolean wanted() {
    return wanted;
  }

  /** Something asks where this host's DNS answers: it is to have an address, soon. */
  public void want() {
    wanted = true;
    wakeUp.run();
  }

  /** Runs {@code wakeUp} whenever DNS is wanted: it must only hand the work on. */
  public void onWanted(Runnable wakeUp) {
    this.wakeUp = wakeUp;
  }
}
