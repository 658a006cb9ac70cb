package io.weft.agent.tunnel;

import io.vertx.core.net.NetSocket;

/**
 * Joins two sockets both ways on their event loop, with back-pressure (a side whose peer's write
 * queue is full is paused until it drains) and close propagation (either side closing or failing
 * closes both). Vert.x has no TCP half-close: a FIN from one side closes the pair, which is what
 * Hazelcast and the event bus expect (neither half-closes).
 */
final class Splice {

  private Splice() {}

  /** Both sockets must be paused; they are resumed here. {@code onClose} runs once. */
  static void join(NetSocket a, NetSocket b, Runnable onClose) {
    boolean[] closed = {false};
    Runnable closeBoth = () -> {
      if (!closed[0]) {
        closed[0] = true;
        a.close();
        b.close();
        onClose.run();
      }
    };
    pump(a, b);
    pump(b, a);
    a.closeHandler(v -> closeBoth.run());
    b.closeHandler(v -> closeBoth.run());
    a.exceptionHandler(e -> closeBoth.run());
    b.exceptionHandler(e -> closeBoth.run());
    a.resume();
    b.resume();
  }

  private static void pump(NetSocket from, NetSocket to) {
    to.drainHandler(v -> from.resume());
    from.handler(data -> {
      to.write(data);
      if (to.writeQueueFull()) {
        from.pause();
      }
    });
  }
}
