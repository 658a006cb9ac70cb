package io.weft.agent.bridge;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.eventbus.DeliveryOptions;
import io.vertx.core.eventbus.Message;
import io.vertx.core.eventbus.MessageConsumer;
import io.vertx.core.json.JsonObject;
import io.weft.common.bus.BusAddresses;
import io.weft.common.bus.FleetEvents;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;

/**
 * This agent's one subscription to the fleet's events in the cluster, shared by all its local
 * subscribers: the streams of {@code weft events} ({@link #listen}) and the bridge's clients,
 * whose subscriptions stay on this host ({@code localConsumer}) instead of each adding an entry
 * to the cluster's subscription map. An event from another host arrives here once and is
 * published again to this host's local subscribers; this host's own events reach them directly.
 */
public final class EventFeed {

  private final Vertx vertx;
  private final String host;
  private final List<Consumer<JsonObject>> listeners = new CopyOnWriteArrayList<>();

  public EventFeed(Vertx vertx, String host) {
    this.vertx = vertx;
    this.host = host;
  }

  public Future<MessageConsumer<Object>> register() {
    MessageConsumer<Object> consumer = vertx.eventBus().consumer(BusAddresses.EVENTS, this::arrived);
    return consumer.completion().map(consumer);
  }

  /** Tells {@code listener} of every event from now on (on an event loop: it must not block). */
  public Runnable listen(Consumer<JsonObject> listener) {
    listeners.add(listener);
    return () -> listeners.remove(listener);
  }

  private void arrived(Message<Object> message) {
    if (message.headers().contains(FleetEvents.RELAYED) || !(message.body() instanceof JsonObject event)) {
      return;
    }
    if (!host.equals(message.headers().get(FleetEvents.FROM))) {
      vertx.eventBus().publish(BusAddresses.EVENTS, event, new DeliveryOptions().setLocalOnly(true)
          .addHeader(FleetEvents.RELAYED, host).addHeader(FleetEvents.FROM,
              String.valueOf(message.headers().get(FleetEvents.FROM))));
    }
    listeners.forEach(listener -> listener.accept(event));
  }
}
