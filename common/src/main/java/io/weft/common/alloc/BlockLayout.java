package io.weft.common.alloc;

import io.weft.common.net.Cidr;
import io.weft.common.net.Ipv4;
import java.util.OptionalInt;

/**
 * The range cut into equal blocks, the unit of ownership: each block belongs to one host of the
 * fleet, which alone hands out its addresses. A /12 is cut into 4096 /24s; a small range into
 * at least 16 blocks where it can, never smaller than four addresses.
 *
 * @param range the fleet's range
 * @param blockPrefix the prefix length of every block
 */
public record BlockLayout(AddressRange range, int blockPrefix) {

  /** Blocks are /24s, or smaller where the range would have fewer than 16. */
  public static BlockLayout of(AddressRange range) {
    int prefix = range.subnet().prefixLength();
    return new BlockLayout(range, Math.max(prefix, Math.min(30, Math.max(24, prefix + 4))));
  }

  public int count() {
    return 1 << (blockPrefix - range.subnet().prefixLength());
  }

  /** The block {@code index}, as a subnet: {@code 10.32.5.0/24} for 5 in 10.32.0.0/12. */
  public Cidr block(int index) {
    return new Cidr(range.subnet().network().plus((long) index * blockSize()), blockPrefix);
  }

  /** The block holding {@code ip}; empty when the address is outside the range. */
  public OptionalInt indexOf(Ipv4 ip) {
    if (!range.subnet().contains(ip)) {
      return OptionalInt.empty();
    }
    long offset = Integer.toUnsignedLong(ip.bits()) - Integer.toUnsignedLong(range.subnet().network().bits());
    return OptionalInt.of((int) (offset / blockSize()));
  }

  /** True unless {@code ip} is the range's own network or broadcast address. */
  public boolean usable(Ipv4 ip) {
    return !ip.equals(range.subnet().network()) && !ip.equals(range.subnet().broadcast());
  }

  public long blockSize() {
    return 1L << (32 - blockPrefix);
  }

  @Override
  public String toString() {
    return range + " in " + count() + " blocks of /" + blockPrefix;
  }
}
