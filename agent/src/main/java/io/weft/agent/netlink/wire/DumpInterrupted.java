package io.weft.agent.netlink.wire;

/**
 * A dump came back marked NLM_F_DUMP_INTR: the table changed while the kernel walked it, so the
 * result may be inconsistent and is worth asking for again.
 */
public final class DumpInterrupted extends WireException {

  public DumpInterrupted(String operation) {
    super(operation, Errno.EINTR, "dump interrupted by a concurrent change (NLM_F_DUMP_INTR)");
  }
}
