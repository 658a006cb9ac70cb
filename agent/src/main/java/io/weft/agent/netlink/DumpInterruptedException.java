package io.weft.agent.netlink;

import io.weft.agent.netlink.wire.Errno;

/**
 * A dump was marked NLM_F_DUMP_INTR: the table changed while the kernel walked it, so the
 * result may be inconsistent. The list verbs retry a few times before throwing this.
 */
public class DumpInterruptedException extends NetlinkException {

  public DumpInterruptedException(String operation) {
    super(operation, Errno.EINTR, null, "dump interrupted by a concurrent change (NLM_F_DUMP_INTR)");
  }
}
