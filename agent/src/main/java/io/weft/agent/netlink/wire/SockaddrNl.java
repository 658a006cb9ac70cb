package io.weft.agent.netlink.wire;

import jnr.ffi.Runtime;
import jnr.ffi.Struct;

/** struct sockaddr_nl; port id 0 and no groups address the kernel. */
public final class SockaddrNl extends Struct {

  public static final int LEN = 12;

  public final Unsigned16 family = new Unsigned16();
  public final Unsigned16 pad = new Unsigned16();
  public final Unsigned32 pid = new Unsigned32();
  public final Unsigned32 groups = new Unsigned32();

  public SockaddrNl(Runtime runtime) {
    super(runtime);
    family.set(NlConst.AF_NETLINK);
  }

  /**
   * The one address every socket needs: the kernel as destination, and "any port id" to bind.
   * Built once (a jnr struct costs more than the syscall it feeds) and only ever read.
   */
  public static SockaddrNl kernel(Runtime runtime) {
    SockaddrNl a = new SockaddrNl(runtime);
    Struct.getMemory(a); // allocate now, not lazily on first (maybe concurrent) use
    return a;
  }
}
