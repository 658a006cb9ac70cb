package io.weft.agent;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.logging.Logger;

/**
 * The agent's services as they started: each is started in turn, and they stop in the reverse
 * order, so none is stopped while one started after it still runs. A start that fails stops
 * what had started, so a refused agent leaves the fleet as cleanly as a stopped one.
 */
final class ServiceStack {

  private static final Logger LOG = Logger.getLogger(ServiceStack.class.getName());

  private final Deque<Service> started = new ArrayDeque<>();

  /** Starts {@code service} and returns it; on failure stops the others, and throws. */
  <S extends Service> S start(S service) throws Exception {
    long starting = System.nanoTime();
    try {
      service.start();
    } catch (Exception | Error e) {
      // the caller says why, once: the agent's last line is the one the launcher shows
      LOG.fine(() -> service.name() + " did not start: " + e);
      stop();
      throw e;
    }
    synchronized (started) {
      started.push(service);
    }
    LOG.fine(() -> service.name() + " started in " + (System.nanoTime() - starting) / 1_000_000 + " ms");
    return service;
  }

  /** Stops every started service, the last started first; a failure to stop one stops the next. */
  void stop() {
    while (true) {
      Service service;
      synchronized (started) {
        service = started.poll();
      }
      if (service == null) {
        return;
      }
      try {
        service.stop();
      } catch (RuntimeException e) {
        LOG.warning(service.name() + " did not stop cleanly: " + e);
      }
    }
  }
}
