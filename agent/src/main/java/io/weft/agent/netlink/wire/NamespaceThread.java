package io.weft.agent.netlink.wire;

import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * Runs short tasks (open a socket, write a setting) inside another network namespace on one
 * dedicated platform thread that does nothing else: it enters the task's namespace, runs the
 * task, and goes back home, so it never keeps a container's namespace (and so its veth) alive
 * after the container is gone. No pooled, virtual or caller thread ever changes namespace. One
 * long-lived thread rather than one per task: starting a thread costs more than the syscalls
 * the task makes.
 */
public final class NamespaceThread {

  /** The tasks are a few syscalls deep; a small stack is plenty. */
  private static final long STACK_SIZE = 256 * 1024;
  private static final ExecutorService THREAD = Executors.newSingleThreadExecutor(task -> {
    Thread t = new Thread(null, task, "weft-netns", STACK_SIZE);
    t.setDaemon(true);
    return t;
  });
  /** The namespace the thread starts in (the process's); opened on the thread, kept open. */
  private static int home = -1;

  private NamespaceThread() {}

  private static void goHome() {
    if (Native.libc().setns(home, LibC.CLONE_NEWNET) != 0) {
      // Every task enters its own namespace first, so the next one is still right; only the
      // namespace left behind stays alive longer. Say so rather than hide it.
      System.err.println("weft: could not return the namespace thread home: errno "
          + Native.lastErrno());
    }
  }

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
   * meanwhile.
   */
  public static <T> CompletableFuture<T> start(int nsFd, String what, Callable<T> task) {
    CompletableFuture<T> result = new CompletableFuture<>();
    THREAD.execute(() -> {
      try {
        if (home < 0) {
          home = Native.libc().open("/proc/thread-self/ns/net", LibC.O_RDONLY | LibC.O_CLOEXEC);
          if (home < 0) {
            throw new WireException("open(own network namespace)", Native.lastErrno(), null);
          }
        }
        if (Native.libc().setns(nsFd, LibC.CLONE_NEWNET) != 0) {
          throw new WireException("setns(" + what + ")", Native.lastErrno(), null);
        }
        try {
          result.complete(task.call());
        } finally {
          goHome();
        }
      } catch (Throwable e) {
        result.completeExceptionally(e);
      }
    });
    return result;
  }
}
