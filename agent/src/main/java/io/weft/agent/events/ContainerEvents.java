package io.weft.agent.events;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.async.ResultCallback;
import com.github.dockerjava.api.model.Event;
import com.github.dockerjava.api.model.EventType;
import io.weft.agent.alloc.AddressBook;
import io.weft.agent.alloc.Owner;
import java.io.Closeable;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Watches the host's Docker events and forgets the addresses of containers that stop or go
 * away. Their veths went with their namespaces already; this frees the fleet's record.
 */
public final class ContainerEvents {

  private static final Logger LOG = Logger.getLogger(ContainerEvents.class.getName());

  private ContainerEvents() {}

  public static Closeable watch(DockerClient docker, String host, AddressBook book) {
    return docker.eventsCmd()
        .withEventTypeFilter(EventType.CONTAINER)
        .withEventFilter("die", "destroy")
        .exec(new ResultCallback.Adapter<Event>() {
          @Override
          public void onNext(Event event) {
            try {
              book.releaseAll(new Owner(host, event.getId()));
            } catch (RuntimeException e) {
              LOG.log(Level.WARNING, "could not release the addresses of " + event.getId(), e);
            }
          }
        });
  }
}
