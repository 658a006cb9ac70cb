package io.weft.common.alloc;

import io.weft.common.ErrorCode;
import io.weft.common.WeftException;
import io.weft.common.net.Cidr;
import io.weft.common.net.Ipv4;
import java.util.Collection;
import java.util.HashSet;
import java.util.Set;

/** The range weft hands addresses out of; by default Weave's, 10.32.0.0/12. */
public record AddressRange(Cidr subnet) {

  public static final AddressRange DEFAULT = new AddressRange(Cidr.parse("10.32.0.0/12"));

  public AddressRange {
    subnet = subnet.subnet();
    if (subnet.prefixLength() > 30) {
      throw new WeftException(ErrorCode.BAD_CIDR, "the range " + subnet + " holds no addresses");
    }
  }

  public static AddressRange parse(String text) {
    return new AddressRange(Cidr.parse(text));
  }

  public boolean contains(Cidr cidr) {
    return subnet.contains(cidr.address());
  }

  /** The lowest address of the range no one holds, with the range's prefix length. */
  public Cidr firstFree(Collection<Ipv4> taken) {
    Set<Ipv4> used = new HashSet<>(taken);
    Ipv4 network = subnet.network();
    // From network+1 to broadcast-1: the two ends are not addresses a container may have.
    for (long offset = 1; offset < subnet.size() - 1; offset++) {
      Ipv4 candidate = network.plus(offset);
      if (!used.contains(candidate)) {
        return new Cidr(candidate, subnet.prefixLength());
      }
    }
    throw new WeftException(ErrorCode.RANGE_FULL, "no free address left in " + subnet);
  }

  @Override
  public String toString() {
    return subnet.toString();
  }
}
