package io.weft.common.bus;

import io.vertx.core.eventbus.DeliveryOptions;
import io.vertx.core.eventbus.EventBus;

/**
 * Where the agent's parts tell the fleet what happened: published on {@link BusAddresses#EVENTS}
 * to every subscriber of every host. Publishing never waits and never fails the work that
 * happened: an event nobody hears is lost, as on any bus.
 */
@FunctionalInterface
public interface FleetEvents {

  /** The header naming the host whose agent published an event. */
  String FROM = "weft-from";
  /** The header of an event an agent published again for its own local subscribers. */
  String RELAYED = "weft-relayed";

  /** Tells no one: one-shot mode, and tests that do not listen. */
  FleetEvents NONE = event -> {};

  void publish(FleetEvent event);

  /** Publishes on the (clustered) bus as host {@code from}'s; safe from any thread. */
  static FleetEvents on(EventBus bus, String from) {
    DeliveryOptions options = new DeliveryOptions().addHeader(FROM, from);
    return event -> bus.publish(BusAddresses.EVENTS, event.toJson(), options);
  }
}
