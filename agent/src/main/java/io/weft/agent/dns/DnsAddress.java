package io.weft.agent.dns;

import io.weft.agent.host.HostKernel;
import io.weft.common.WeftException;
import io.weft.common.net.Cidr;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.Supplier;
import java.util.logging.Logger;

/**
 * The address weft's DNS answers at on this host: an address of the bridge, in weft's range, so
 * that every container on weft reaches it over its own interface, as the kernel's data plane
 * carries it, whatever host it is on. It is an exposed address, held in the address record as
 * the bridge's like any other: the one the bridge had when the agent started, else the one the
 * record holds for the bridge (after a reboot), else, once DNS is wanted, one allocated. Kept:
 * put back when the bridge loses it (a hide, a reset), and chosen anew only if another holder
 * took it meanwhile.
 */
public final class DnsAddress {

  private static final Logger LOG = Logger.getLogger(DnsAddress.class.getName());

  private final HostKernel kernel;
  private final Supplier<List<Cidr>> recordedForBridge;
  private final Function<List<Cidr>, List<Cidr>> expose;
  private Cidr chosen;

  /**
   * @param recordedForBridge what the address record holds for the bridge
   * @param expose carries out {@code expose} of these addresses (none: allocate one); returns those
   *     added
   */
  public DnsAddress(HostKernel kernel, Supplier<List<Cidr>> recordedForBridge,
      Function<List<Cidr>, List<Cidr>> expose) {
    this.kernel = kernel;
    this.recordedForBridge = recordedForBridge;
    this.expose = expose;
  }

  /**
   * Makes sure the bridge has the DNS address; returns it, or empty while it cannot (no bridge
   * yet, or no address to be had: a host that has not joined its fleet has no blocks) or need
   * not (nothing asked for DNS, and the bridge has no address of its own to answer at).
   *
   * @param mayAllocate whether an address may be allocated for it: DNS is wanted
   */
  public synchronized Optional<Cidr> keep(boolean mayAllocate) {
    if (kernel.bridge().isEmpty()) {
      return Optional.empty();
    }
    List<Cidr> exposed = kernel.exposedAddresses();
    if (chosen != null && exposed.contains(chosen)) {
      return Optional.of(chosen);
    }
    if (chosen == null && !exposed.isEmpty()) {
      chosen = exposed.get(0);
      return Optional.of(chosen);
    }
    List<Cidr> wanted = chosen != null ? List.of(chosen)
        : recordedForBridge.get().stream().limit(1).toList();
    try {
      if (!wanted.isEmpty()) {
        expose.apply(wanted);
        chosen = wanted.get(0);
        return Optional.of(chosen);
      }
    } catch (WeftException taken) {
      LOG.warning("the DNS address " + wanted.get(0) + " cannot be put back (" + taken.getMessage()
          + "); choosing another");
    }
    if (!mayAllocate) {
      chosen = null;
      return Optional.empty();
    }
    try {
      List<Cidr> added = expose.apply(List.of());
      chosen = added.isEmpty() ? null : added.get(0);
      return Optional.ofNullable(chosen);
    } catch (WeftException none) {
      LOG.fine("no address for weft's DNS yet: " + none.getMessage());
      chosen = null;
      return Optional.empty();
    }
  }
}
