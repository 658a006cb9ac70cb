package io.weft.agent.events;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.async.ResultCallback;
import com.github.dockerjava.api.model.Event;
import com.github.dockerjava.api.model.EventType;
import io.weft.agent.alloc.AddressBook;
import io.weft.agent.alloc.Owner;
import java.io.Closeable;
import java.time.Instant;
import java.util.function.Consumer;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Watches the host's Docker events. A container keeps its weft addresses for its whole life:
 * when it starts again (a restart, a reboot of its host) it gets them back; when it is removed,
 * the fleet's record forgets them. Its veth went with its namespace when it stopped.
 */
public final class ContainerEvents {

  private static final Logger LOG = Logger.getLogger(ContainerEvents.class.getName());

  private ContainerEvents() {}

  /** @param started told of every container that starts, by id; it must hand off at once */
  public static Closeable watch(DockerClient docker, String host, AddressBook book, Consumer<String> started) {
    // The stream connects on docker-java's thread, maybe after the caller has listed the
    // containers: asking for events from a second before now, a start in between is not lost.
    String since = String.valueOf(Instant.now().getEpochSecond() - 1);
    return docker.eventsCmd()
        .withSince(since)
        .withEventTypeFilter(EventType.CONTAINER)
        .withEventFilter("start", "destroy")
        .exec(new ResultCallback.Adapter<Event>() {
          @Override
          public void onNext(Event event) {
            try {
              if ("start".equals(event.getAction())) {
                started.accept(event.getId());
              } else {
                book.releaseAll(new Owner(host, event.getId()));
              }
            } catch (RuntimeException e) {
              LOG.log(Level.WARNING, "could not follow " + event.getAction() + " of " + event.getId(), e);
            }
          }
        });
  }
}
