package io.weft.docker.engine;

import java.io.Closeable;
import java.util.function.Consumer;

/**
 * The stream of one engine's container starts and removals. A stream ends (an error, or the
 * engine going away); its watcher subscribes again, from the time of the last event it saw.
 */
public interface ContainerEvents {

  /**
   * A container started ({@code start}), was removed ({@code destroy}) or was connected to a
   * network ({@code connect}), at {@code time} (epoch seconds).
   */
  record Event(String action, String containerId, long time) {}

  /**
   * Streams the events from {@code sinceEpochSecond} on, until closed or until the stream ends,
   * which {@code ended} is told of once, with the cause (null when the engine closed it).
   */
  Closeable subscribe(long sinceEpochSecond, Consumer<Event> onEvent, Consumer<Throwable> ended);
}
