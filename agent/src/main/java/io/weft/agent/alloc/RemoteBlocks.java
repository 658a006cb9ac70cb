package io.weft.agent.alloc;

import io.weft.common.net.Ipv4;
import java.util.Map;

/**
 * What a host asks of the owners of other blocks: a few blocks of their free space, an address
 * of their blocks for one of its containers, and that address back. {@link IpamClient} asks over
 * the event bus; tests wire two books together. Each call fails with a {@link
 * io.weft.common.WeftException}: OWNER_UNREACHABLE when the host did not answer in time,
 * ADDRESS_IN_USE when it refuses a claim, NOT_OWNER (as BAD_REQUEST) when the block is no longer
 * its.
 */
public interface RemoteBlocks {

  /** Asks {@code donor} for space for {@code me}; the blocks given, by index, with their versions. */
  Map<Integer, Integer> askForSpace(String donor, String me);

  /** Asks {@code blockOwner} to record {@code address} as {@code holder}'s. */
  void claim(String blockOwner, Ipv4 address, Owner holder);

  /** Tells {@code blockOwner} that {@code holder} no longer holds {@code address}. */
  void release(String blockOwner, Ipv4 address, Owner holder);
}
