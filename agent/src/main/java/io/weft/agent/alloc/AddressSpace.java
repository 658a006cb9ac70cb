package io.weft.agent.alloc;

import java.util.List;

/**
 * What a host's address record says of itself, for {@code status} and metrics: the blocks it
 * owns out of all, and the addresses the fleet's record shows held twice.
 *
 * @param blocksOwned blocks this host owns
 * @param blocksTotal blocks of the range; 0 where there are no blocks (the one-shot mode)
 * @param conflicts one line for each address held by more than one holder
 */
public record AddressSpace(int blocksOwned, int blocksTotal, List<String> conflicts) {

  public static final AddressSpace NONE = new AddressSpace(0, 0, List.of());

  public AddressSpace {
    conflicts = List.copyOf(conflicts);
  }
}
