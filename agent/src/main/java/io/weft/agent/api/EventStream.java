package io.weft.agent.api;

import io.vertx.core.Context;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.core.json.JsonObject;
import io.weft.agent.bridge.EventFeed;
import io.weft.common.bus.BusAddresses;
import io.weft.common.bus.FleetEvent;

/**
 * One reader of {@code GET /v1/events}: the fleet's events as they come, one JSON object a line,
 * after a first line {@code {"subscribed": "weft.events", "host": H}} (the stream is live from
 * then on). A reader too slow for the stream loses events, never slows the agent: while the
 * response's queue is full they are dropped, and a {@code dropped} event says how many.
 */
final class EventStream {

  private final Context context;
  private final String self;
  private final HttpServerResponse response;
  private long dropped;

  EventStream(Vertx vertx, String self, HttpServerResponse response) {
    this.context = vertx.getOrCreateContext();
    this.self = self;
    this.response = response;
  }

  void follow(EventFeed feed) {
    response.setChunked(true).putHeader("content-type", "application/x-ndjson")
        .setWriteQueueMaxSize(64 * 1024);
    Runnable stop = feed.listen(event -> context.runOnContext(v -> write(event)));
    response.closeHandler(v -> stop.run());
    response.write(new JsonObject().put("subscribed", BusAddresses.EVENTS).put("host", self).encode() + "\n");
  }

  private void write(JsonObject event) {
    if (response.closed() || response.ended()) {
      return;
    }
    if (response.writeQueueFull()) {
      dropped++;
      response.drainHandler(v -> {
        if (dropped > 0) {
          response.write(FleetEvent.dropped(self, dropped).toJson().encode() + "\n");
          dropped = 0;
        }
      });
      return;
    }
    response.write(event.encode() + "\n");
  }
}
