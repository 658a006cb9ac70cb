package io.weft.agent.alloc;

import io.weft.agent.host.HostKernel;
import io.weft.common.ErrorCode;
import io.weft.common.WeftException;
import io.weft.common.alloc.AddressRange;
import io.weft.common.net.Cidr;
import java.util.List;
import java.util.Map;

/**
 * One host alone, as the one-shot mode runs: the kernel is the only record, so a claim or an
 * allocation looks at every address on the host's weft interfaces, and nothing is kept
 * elsewhere.
 */
public final class KernelAddressBook implements AddressBook {

  private final HostKernel kernel;

  public KernelAddressBook(HostKernel kernel) {
    this.kernel = kernel;
  }

  @Override
  public List<Cidr> claim(List<Cidr> cidrs, Owner owner) {
    Map<Cidr, Integer> holders = kernel.holders();
    for (Cidr cidr : cidrs) {
      for (Map.Entry<Cidr, Integer> held : holders.entrySet()) {
        if (held.getKey().address().equals(cidr.address())) {
          String holder = held.getValue() == 0 ? "the host (exposed)"
              : "the container with pid " + held.getValue();
          throw new WeftException(ErrorCode.ADDRESS_IN_USE,
              cidr.address() + " is held by " + holder + "; not given to " + owner);
        }
      }
    }
    return cidrs;
  }

  @Override
  public Cidr allocate(AddressRange range, Owner owner) {
    return range.firstFree(kernel.holders().keySet().stream().map(Cidr::address).toList());
  }

  @Override
  public void describe(List<Cidr> cidrs, Owner owner, String mac) {}

  @Override
  public List<Cidr> heldBy(Owner owner) {
    return List.of();
  }

  @Override
  public void release(List<Cidr> cidrs, Owner owner) {}

  @Override
  public void releaseAll(Owner owner) {}

  @Override
  public void releaseHost(String host) {}
}
