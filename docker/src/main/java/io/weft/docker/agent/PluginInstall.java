package io.weft.docker.agent;

import io.weft.common.ErrorCode;
import io.weft.common.WeftException;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Supplier;

/**
 * {@link AgentPlugin#ensure} under way beside the agent's start, so a first launch costs the
 * longer of the two rather than their sum. The agent may ask Docker for its network before the
 * plugin is enabled: Docker then waits for the driver's socket (up to 15 s), so nothing fails.
 */
final class PluginInstall {

  /** Reading the plugin out of the image and enabling it takes 2-3 s; a hung engine, not this. */
  static final Duration BOUND = Duration.ofSeconds(60);

  private final CompletableFuture<AgentPlugin.Installed> done;
  private final long started = System.nanoTime();
  private volatile long tookMillis;

  private PluginInstall(Supplier<AgentPlugin.Installed> ensure) {
    done = CompletableFuture.supplyAsync(() -> {
      AgentPlugin.Installed installed = ensure.get();
      tookMillis = (System.nanoTime() - started) / 1_000_000;
      return installed;
    }, task -> {
      Thread thread = new Thread(task, "weft-plugin-install");
      thread.setDaemon(true);
      thread.start();
    });
  }

  /** Starts making sure the plugin of {@code image} is installed and enabled. */
  static PluginInstall start(AgentPlugin plugin, String image) {
    return start(() -> plugin.ensure(image));
  }

  /** Starts {@code ensure} on a thread of its own. */
  static PluginInstall start(Supplier<AgentPlugin.Installed> ensure) {
    return new PluginInstall(ensure);
  }

  /** The install's error, once it has failed; empty while it runs or when it succeeded. */
  Optional<WeftException> failure() {
    if (!done.isCompletedExceptionally()) {
      return Optional.empty();
    }
    try {
      done.join();
      return Optional.empty();
    } catch (RuntimeException e) {
      return Optional.of(asWeft(e.getCause() == null ? e : e.getCause()));
    }
  }

  /** Waits for the install, within {@link #BOUND}; its error as a {@link WeftException}. */
  AgentPlugin.Installed await() throws InterruptedException {
    try {
      return done.get(BOUND.toMillis(), TimeUnit.MILLISECONDS);
    } catch (ExecutionException e) {
      throw asWeft(e.getCause());
    } catch (TimeoutException e) {
      throw new WeftException(ErrorCode.DOCKER_FAILED, "Docker engine: installing the plugin "
          + AgentPlugin.NAME + " did not end within " + BOUND.toSeconds() + " s");
    }
  }

  /** Whether this install put a plugin on the host, waiting for it to end; false when it failed. */
  boolean installedOne() {
    try {
      return await().now();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    } catch (RuntimeException e) {
      return false;
    }
  }

  /** How long the install took, once it has ended. */
  long tookMillis() {
    return tookMillis;
  }

  private static WeftException asWeft(Throwable cause) {
    return cause instanceof WeftException weft ? weft
        : new WeftException(ErrorCode.DOCKER_FAILED, "Docker engine: installing the plugin "
            + AgentPlugin.NAME + " failed: " + cause.getMessage(), cause);
  }
}
