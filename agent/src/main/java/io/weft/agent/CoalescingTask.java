package io.weft.agent;

import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.logging.Logger;

/**
 * A task that many requests run once: requests that arrive while a run is waiting to start join
 * it. The task reads the state afresh each run, so no request's change is missed.
 */
final class CoalescingTask {

  private static final Logger LOG = Logger.getLogger(CoalescingTask.class.getName());

  private final Executor executor;
  private final Runnable task;
  private final AtomicBoolean pending = new AtomicBoolean();

  CoalescingTask(Executor executor, Runnable task) {
    this.executor = executor;
    this.task = task;
  }

  void request() {
    if (pending.compareAndSet(false, true)) {
      try {
        executor.execute(() -> {
          pending.set(false);
          try {
            task.run();
          } catch (RuntimeException e) {
            // the next request runs it again; a failure here must not end the executor's thread
            LOG.warning("could not follow the fleet's change: " + e);
          }
        });
      } catch (RejectedExecutionException stopping) {
        // the agent is stopping and this task's thread is already gone: there is nothing left
        // to follow, and the requester (another service's thread) must not die of it
        pending.set(false);
      }
    }
  }
}
