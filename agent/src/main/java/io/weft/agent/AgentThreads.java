package io.weft.agent;

import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;

/** The agent's own threads: each named for its job, and none keeping the JVM up at its end. */
final class AgentThreads {

  private AgentThreads() {}

  /** One thread, for work that must run in order. */
  static ExecutorService single(String name) {
    return Executors.newSingleThreadExecutor(r -> daemon(r, name));
  }

  /** One thread, for work that runs later or again and again. */
  static ScheduledExecutorService timer(String name) {
    return Executors.newSingleThreadScheduledExecutor(r -> daemon(r, name));
  }

  private static Thread daemon(Runnable r, String name) {
    Thread thread = new Thread(r, name);
    thread.setDaemon(true);
    return thread;
  }
}
