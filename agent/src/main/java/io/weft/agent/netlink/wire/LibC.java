package io.weft.agent.netlink.wire;

import java.nio.ByteBuffer;
import jnr.ffi.Pointer;
import jnr.ffi.Struct;
import jnr.ffi.annotations.In;
import jnr.ffi.annotations.Out;
import jnr.ffi.types.size_t;
import jnr.ffi.types.ssize_t;

/** The few libc calls netlink needs, bound through jnr-ffi. Buffers passed here must be direct. */
public interface LibC {

  int O_RDONLY = 0;
  int O_CLOEXEC = 0x80000;
  int SOCK_RAW = 3;
  int SOCK_CLOEXEC = 0x80000;
  int CLONE_NEWNET = 0x40000000;

  int socket(int domain, int type, int protocol);

  int bind(int fd, @In Struct addr, int addrLen);

  @ssize_t long sendto(int fd, @In ByteBuffer buf, @size_t long len, int flags, @In Struct addr, int addrLen);

  @ssize_t long recvfrom(int fd, @Out ByteBuffer buf, @size_t long len, int flags, Pointer addr, Pointer addrLen);

  int setsockopt(int fd, int level, int name, @In int[] value, int len);

  int open(String path, int flags);

  int close(int fd);

  int setns(int fd, int nstype);
}
