package io.weft.common;

/**
 * Why a command failed, in a form programs can act on. The names are part of the event-bus API
 * and the {@code --json} output: add codes, never rename them.
 */
public enum ErrorCode {
  /** The command is malformed: unknown verb, missing or extra arguments. */
  BAD_REQUEST,
  /** An address or CIDR that does not parse or makes no sense for a container. */
  BAD_CIDR,
  /** No container of that name or id on the host. */
  NO_SUCH_CONTAINER,
  /** The container exists but is not running. */
  CONTAINER_NOT_RUNNING,
  /** The container shares the host's network; weft cannot give it an interface of its own. */
  CONTAINER_HOST_NETWORK,
  /** Another container holds the address. */
  ADDRESS_IN_USE,
  /** No free address is left in the range. */
  RANGE_FULL,
  /** The container, or the host, does not hold what the command wants removed. */
  NOT_ATTACHED,
  /** The kernel refused a network change. */
  NETLINK_FAILED,
  /** The Docker engine failed or could not be reached. */
  DOCKER_FAILED,
  /** No host of that name in the fleet. */
  NO_SUCH_HOST,
  /** The host did not answer within the timeout. */
  TIMEOUT,
  /** The host has no running weft agent. */
  AGENT_NOT_RUNNING,
  /** The agent did not come up, or could not join any of its peers. */
  AGENT_FAILED,
  /** The agent runs but reached none of the peers it was given; it keeps trying them. */
  PEERS_UNREACHABLE,
  /**
   * The address lies in a block whose owner cannot be reached now (a split, a dead host), or
   * the host needs a new block and no host that could give one can be reached: nothing was
   * claimed, and weft does not guess.
   */
  OWNER_UNREACHABLE,
  /** The host named is a live member of the fleet, which the command is not for. */
  HOST_ALIVE,
  /**
   * The fleet's hosts refused this one: it was launched with another fleet password than
   * theirs (their certificates and its own are signed by different keys).
   */
  FLEET_REFUSED,
  /** A name that is not a DNS name, or not in weft's domain. */
  BAD_NAME,
  /** weft's DNS has no record of that name or address. */
  NO_SUCH_NAME,
  /**
   * The host has as many commands of this sender waiting as it takes (or as many in all): nothing
   * was done; try again once the earlier ones are answered.
   */
  BUSY,
  /** Anything else: a fault in weft. */
  INTERNAL;

  /** True for the codes that mean the command was used wrongly rather than failed: exit 2. */
  public boolean isUsage() {
    return this == BAD_REQUEST || this == BAD_CIDR || this == BAD_NAME;
  }
}
