package io.weft.agent.netlink.wire;

import java.io.Closeable;
import java.nio.ByteBuffer;

/**
 * Moves whole netlink datagrams to and from the kernel. The socket is one implementation; tests
 * give {@link Exchange} a scripted one to check sequence matching and error handling without root.
 */
public interface Transport extends Closeable {

  /** Sends the bytes between position and limit as one datagram. */
  void send(ByteBuffer message);

  /** Receives one datagram into {@code into} from position 0; returns with limit at its end. */
  void receive(ByteBuffer into);

  @Override
  void close();
}
