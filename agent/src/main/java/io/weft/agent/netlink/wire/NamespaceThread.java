package io.weft.agent.netlink.wire;

import io.weft.agent.netlink.NetlinkException;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;

/**
 * Runs one task inside another network namespace on a dedicated, short-lived platform thread:
 * the thread calls setns, runs the task and ends, so the namespace switch dies with it. No
 * pooled, virtual or caller thread ever changes namespace.
 */
public final class NamespaceThread {

  /** The tasks are a few syscalls deep; a small stack makes the thread cheaper to start. */
  private static final long STACK_SIZE = 256 * 1024;

  private NamespaceThread() {}

  /** Runs {@code task} inside the network namespace {@code nsFd} refers to; rethrows its failure. */
  public static <T> T call(int nsFd, String what, Callable<T> task) {
    CompletableFuture<T> f = start(nsFd, what, task);
    boolean interrupted = false;
    try {
      while (true) {
        try {
          return f.get();
        } catch (InterruptedException e) {
          interrupted = true; // the thread must finish before its result is read
        } catch (ExecutionException e) {
          Throwable c = e.getCause();
          if (c instanceof RuntimeException re) {
            throw re;
          }
          if (c instanceof Error err) {
            throw err;
          }
          throw new IllegalStateException(what + ": " + c, c);
        }
      }
    } finally {
      if (interrupted) {
        Thread.currentThread().interrupt();
      }
    }
  }

  /**
   * Starts {@code task} inside the namespace and returns at once, so the caller can do other work
   * while the thread starts (which costs more than the syscalls it makes).
   */
  public static <T> CompletableFuture<T> start(int nsFd, String what, Callable<T> task) {
    CompletableFuture<T> result = new CompletableFuture<>();
    Thread t = new Thread(null, () -> {
      try {
        if (Native.libc().setns(nsFd, LibC.CLONE_NEWNET) != 0) {
          throw NetlinkException.of("setns(" + what + ")", Native.lastErrno(), null);
        }
        result.complete(task.call());
      } catch (Throwable e) {
        result.completeExceptionally(e);
      }
    }, "weft-netns", STACK_SIZE);
    t.setDaemon(true);
    t.start();
    return result;
  }
}
