package io.weft.agent.dns;

import io.weft.common.dns.DnsNames;
import io.weft.common.net.Ipv4;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Executor;
import java.util.function.Function;
import java.util.function.Supplier;
import java.util.logging.Logger;

/**
 * Keeps the names of this host's containers in the fleet's DNS in step with the containers: a
 * running container with addresses on weft is known by its name, its hostname and any aliases in
 * weft's domain; one that stops or goes is known no more. Each change is looked at afresh (Docker
 * for the names, the address record for the addresses) on one thread of its own, so the last
 * look is always the truth, whatever order the news came in.
 *
 * <p>A container weft attached (attach, run, start) has its addresses in the address record and
 * is made known through {@link #changed}. One Docker put on a weft network ({@code docker run
 * --net=weft}, {@code docker network connect}) has them from its endpoints, which Docker tells
 * with the container's network aliases; Docker's events make it known.
 */
public final class ContainerNames {

  private static final Logger LOG = Logger.getLogger(ContainerNames.class.getName());

  private final String domain;
  private final NameRecords records;
  private final ContainerDirectory containers;
  private final Function<String, List<Ipv4>> heldBy;
  private final Supplier<Collection<String>> holders;
  private final Executor thread;

  /**
   * @param heldBy the addresses the address record holds for one of this host's containers, by id
   * @param holders this host's containers that hold addresses in the record
   * @param thread where the looks at Docker run: they block
   */
  public ContainerNames(String domain, NameRecords records, ContainerDirectory containers,
      Function<String, List<Ipv4>> heldBy, Supplier<Collection<String>> holders, Executor thread) {
    this.domain = domain;
    this.records = records;
    this.containers = containers;
    this.heldBy = heldBy;
    this.holders = holders;
    this.thread = thread;
  }

  /** The container's addresses may have changed (attached, detached, started): look again, soon. */
  public void changed(String containerId) {
    thread.execute(() -> refresh(containerId));
  }

  /** Every container this host has made known may have changed (a reset): look at each again. */
  public void changedAll() {
    thread.execute(() -> records.containers().forEach(this::refresh));
  }

  /** The container stopped: known no more until it starts again. */
  public void stopped(String containerId) {
    thread.execute(() -> records.unregister(containerId));
  }

  /** The container was removed: known no more. */
  public void removed(String containerId) {
    thread.execute(() -> records.unregister(containerId));
  }

  /** Looks at every container again, soon: the events may have missed something. */
  public void reconcile() {
    thread.execute(this::reconcileNow);
  }

  void reconcileNow() {
    try {
      Set<String> running = containers.runningIds();
      Set<String> known = records.containers();
      known.stream().filter(id -> !running.contains(id)).forEach(records::unregister);
      Set<String> candidates = new LinkedHashSet<>(holders.get());
      candidates.addAll(containers.runningOnWeftNetworks());
      candidates.stream().filter(id -> running.contains(id) && !known.contains(id)).forEach(this::refresh);
    } catch (RuntimeException e) {
      LOG.warning("could not reconcile the DNS names with this host's containers: " + e.getMessage());
    }
  }

  void refresh(String containerId) {
    Optional<NamedContainer> found;
    try {
      found = containers.find(containerId);
    } catch (RuntimeException e) {
      LOG.warning("could not look at container " + containerId + " for its names: " + e.getMessage());
      return;
    }
    if (found.isEmpty()) {
      records.unregister(containerId);
      return;
    }
    LinkedHashSet<Ipv4> addresses = new LinkedHashSet<>(heldBy.apply(containerId));
    addresses.addAll(found.get().networkAddresses());
    List<String> names = names(found.get(), domain);
    if (!found.get().running() || addresses.isEmpty() || names.isEmpty()) {
      records.unregister(containerId);
    } else {
      records.register(containerId, names, List.copyOf(addresses));
    }
  }

  /**
   * The names a container answers to in {@code domain}: its name, its hostname (as it is when it
   * is in the domain already, else its first label in the domain) and its aliases; any that is
   * not a DNS name is left out.
   */
  static List<String> names(NamedContainer container, String domain) {
    LinkedHashSet<String> names = new LinkedHashSet<>();
    add(names, container.name(), domain);
    String hostname = container.hostname() == null ? "" : container.hostname().toLowerCase(Locale.ROOT);
    if (container.domainname() != null && !container.domainname().isBlank()) {
      hostname = hostname + "." + container.domainname().toLowerCase(Locale.ROOT);
    }
    if (!hostname.isEmpty()) {
      add(names, DnsNames.inDomain(hostname, domain) ? hostname : hostname.split("\\.")[0], domain);
    }
    container.aliases().forEach(alias -> add(names, alias, domain));
    return new ArrayList<>(names);
  }

  private static void add(Collection<String> names, String name, String domain) {
    String lower = name == null ? "" : name.toLowerCase(Locale.ROOT);
    if (DnsNames.isValid(lower)) {
      names.add(DnsNames.qualify(lower, domain));
    }
  }
}
