package io.weft.agent.events;

import io.weft.agent.alloc.AddressBook;
import io.weft.agent.alloc.Owner;
import io.weft.docker.engine.ContainerEvents;
import java.io.Closeable;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Watches the host's Docker events. A container keeps its weft addresses for its whole life:
 * when it starts again (a restart, a reboot of its host) it gets them back; when it is removed,
 * the record forgets them. Its veth went with its namespace when it stopped. When the stream ends
 * (the engine restarted, a connection broke) the watch subscribes again from the last event it
 * saw, backing off while the engine is away, and asks for a whole reconcile, as events may have
 * been lost meanwhile.
 */
public final class ContainerWatch implements Closeable {

  private static final Logger LOG = Logger.getLogger(ContainerWatch.class.getName());
  private static final Duration FIRST_RETRY = Duration.ofMillis(500);
  private static final Duration LAST_RETRY = Duration.ofSeconds(10);

  private final ContainerEvents events;
  private final String host;
  private final AddressBook book;
  private final Consumer<String> started;
  private final Runnable resync;
  private final ScheduledExecutorService timer;
  private volatile long since;
  private volatile Duration retry = FIRST_RETRY;
  private volatile Closeable stream;
  private volatile boolean closed;

  /**
   * @param started told of every container that starts or is connected to a network, by id; it
   *     must hand off at once
   * @param resync a whole reconcile of the record with the host, run after a stream broke
   * @param timer where resubscriptions wait their turn
   */
  public ContainerWatch(ContainerEvents events, String host, AddressBook book, Consumer<String> started,
      Runnable resync, ScheduledExecutorService timer) {
    this.events = events;
    this.host = host;
    this.book = book;
    this.started = started;
    this.resync = resync;
    this.timer = timer;
  }

  /**
   * Starts watching. The stream connects on another thread, maybe after the caller has listed
   * the containers: asking for events from a second before now, a start in between is not lost.
   */
  public void start() {
    since = Instant.now().getEpochSecond() - 1;
    subscribe();
  }

  private void subscribe() {
    if (closed) {
      return;
    }
    try {
      stream = events.subscribe(since, this::handle, this::ended);
    } catch (RuntimeException e) {
      ended(e);
    }
  }

  private void handle(ContainerEvents.Event event) {
    since = Math.max(since, event.time());
    retry = FIRST_RETRY;
    try {
      if ("start".equals(event.action()) || "connect".equals(event.action())) {
        started.accept(event.containerId());
      } else if ("destroy".equals(event.action())) {
        book.releaseAll(new Owner(host, event.containerId()));
      }
    } catch (RuntimeException e) {
      LOG.log(Level.WARNING, "could not follow " + event.action() + " of " + event.containerId(), e);
    }
  }

  private void ended(Throwable cause) {
    if (closed) {
      return;
    }
    Duration wait = retry;
    retry = wait.multipliedBy(2).compareTo(LAST_RETRY) > 0 ? LAST_RETRY : wait.multipliedBy(2);
    LOG.warning("the Docker event stream ended (" + (cause == null ? "closed by the engine" : cause)
        + "); following it again in " + wait.toMillis() + " ms");
    timer.schedule(() -> {
      subscribe();
      resync.run();
    }, wait.toMillis(), TimeUnit.MILLISECONDS);
  }

  @Override
  public void close() throws IOException {
    closed = true;
    Closeable current = stream;
    if (current != null) {
      current.close();
    }
  }
}
