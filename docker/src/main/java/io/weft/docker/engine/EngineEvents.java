package io.weft.docker.engine;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.async.ResultCallback;
import com.github.dockerjava.api.model.EventType;
import java.io.Closeable;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;

/** {@link ContainerEvents} as the engine's API streams them, through docker-java. */
public final class EngineEvents implements ContainerEvents {

  private final DockerClient docker;

  /** @param docker a client without a response timeout: the stream is quiet for as long as nothing happens */
  public EngineEvents(DockerClient docker) {
    this.docker = docker;
  }

  @Override
  public Closeable subscribe(long sinceEpochSecond, Consumer<Event> onEvent, Consumer<Throwable> ended) {
    AtomicBoolean over = new AtomicBoolean();
    return docker.eventsCmd()
        .withSince(String.valueOf(sinceEpochSecond))
        .withEventTypeFilter(EventType.CONTAINER, EventType.NETWORK)
        .withEventFilter("start", "destroy", "connect")
        .exec(new ResultCallback.Adapter<com.github.dockerjava.api.model.Event>() {
          @Override
          public void onNext(com.github.dockerjava.api.model.Event event) {
            long time = event.getTime() == null ? 0 : event.getTime();
            // a network's event names the network; the container is among its attributes
            String container = event.getType() == EventType.NETWORK && event.getActor() != null
                && event.getActor().getAttributes() != null
                ? event.getActor().getAttributes().get("container") : event.getId();
            if (container != null) {
              onEvent.accept(new Event(event.getAction(), container, time));
            }
          }

          @Override
          public void onError(Throwable throwable) {
            if (over.compareAndSet(false, true)) {
              ended.accept(throwable);
            }
          }

          @Override
          public void onComplete() {
            if (over.compareAndSet(false, true)) {
              ended.accept(null);
            }
          }
        });
  }
}
