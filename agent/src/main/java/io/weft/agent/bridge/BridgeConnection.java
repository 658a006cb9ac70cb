package io.weft.agent.bridge;

import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.eventbus.DeliveryOptions;
import io.vertx.core.eventbus.Message;
import io.vertx.core.eventbus.ReplyException;
import io.vertx.core.json.JsonObject;
import io.vertx.core.net.NetSocket;
import io.weft.agent.stream.LengthPrefixedFrames;
import io.weft.common.bus.BridgeContract;
import io.weft.common.bus.BusAddresses;
import io.weft.common.bus.FleetEvent;
import java.util.Map;
import java.util.logging.Logger;

/**
 * One bridge client's session, the protocol of Vert.x's TCP event-bus bridge spoken by weft
 * itself, each client held to its own share of the agent:
 *
 * <ul>
 *   <li><b>Frames are bounded and checked before anything reads them</b> ({@link BridgeFrames}):
 *       a frame longer than {@link BridgeContract#MAX_FRAME_BYTES} (a command is a few hundred
 *       bytes), not a JSON object, of an unknown type or with a field no frame has closes the
 *       connection with an {@code err} frame saying why. Every frame then passes {@link
 *       BridgePolicy} with the client's certificate; what it refuses is answered, not sent.
 *   <li><b>Requests in flight are capped</b> ({@link BridgeContract#MAX_IN_FLIGHT}): at the cap
 *       the connection is not read until a reply comes, so a client that pipelines requests
 *       waits on itself and holds a bounded part of the hosts' queues.
 *   <li><b>A slow reader never grows the agent's memory</b>: past {@link
 *       BridgeContract#WRITE_QUEUE_BYTES} written and not yet out, events for it are dropped and
 *       counted and its requests are not read; once half of it is out, it is told how many
 *       events it lost in one {@code dropped} event.
 *   <li><b>Its commands say who sent them</b> ({@link BusAddresses#ORIGIN_HEADER}, whatever the
 *       client's own headers said), so a host shares its queue between clients.
 * </ul>
 *
 * Every method runs on the socket's event loop.
 */
final class BridgeConnection {

  private static final Logger LOG = Logger.getLogger(BridgeConnection.class.getName());

  private final Vertx vertx;
  private final Context context;
  private final NetSocket socket;
  private final BridgeClient client;
  private final String host;
  private final EventFeed events;
  private final Runnable countDropped;
  private final Runnable closed;
  private final BridgeFrames frames = new BridgeFrames(BridgeContract.MAX_FRAME_BYTES);
  private Runnable unsubscribe;
  private int inFlight;
  /** Bytes written to the socket and not yet out: counted here, as through TLS Vert.x sees a backlog late. */
  private long queued;
  private long dropped;
  private boolean closing;
  private boolean readPaused;

  /**
   * Made on the socket's event loop.
   *
   * @param countDropped counts one event dropped, over every client
   * @param closed told once when the connection has closed, whoever closed it
   */
  BridgeConnection(Vertx vertx, NetSocket socket, BridgeClient client, String host, EventFeed events,
      Runnable countDropped, Runnable closed) {
    this.vertx = vertx;
    this.context = vertx.getOrCreateContext();
    this.socket = socket;
    this.client = client;
    this.host = host;
    this.events = events;
    this.countDropped = countDropped;
    this.closed = closed;
  }

  BridgeClient client() {
    return client;
  }

  /** Starts reading the client's frames. */
  void start() {
    socket.handler(bytes -> {
      frames.received(bytes);
      readFrames();
    });
    socket.closeHandler(v -> {
      closing = true;
      stopEvents();
      closed.run();
    });
    socket.exceptionHandler(e -> socket.close());
  }

  /** Ends the session with an {@code err} frame saying why; from any thread. */
  void close(String why) {
    if (Vertx.currentContext() == context) {
      closeNow(why);
    } else {
      context.runOnContext(v -> closeNow(why));
    }
  }

  private void closeNow(String why) {
    if (closing) {
      return;
    }
    closing = true;
    stopEvents();
    socket.write(BridgeFrames.encode(BridgeFrames.error("closed: " + why)));
    socket.close();
  }

  /** Hands each whole frame on while the client has room in flight and in its queue. */
  private void readFrames() {
    while (!closing && inFlight < BridgeContract.MAX_IN_FLIGHT && queued <= BridgeContract.WRITE_QUEUE_BYTES) {
      JsonObject frame;
      try {
        frame = frames.next();
      } catch (LengthPrefixedFrames.Broken e) {
        closeNow(e.getMessage());
        return;
      }
      if (frame == null) {
        resumeReading();
        return;
      }
      handle(frame);
    }
    if (!closing) {
      pauseReading(); // resumed by a reply, or by the queue draining
    }
  }

  private void handle(JsonObject frame) {
    String type = frame.getString("type");
    String address = frame.getString("address");
    String replyAddress = frame.getString("replyAddress");
    String refusal = BridgePolicy.refusal(client, type, address, frame.getValue("body"));
    if (refusal != null) {
      LOG.fine(() -> "bridge: refused " + client + ": " + refusal);
      write(replyAddress == null ? BridgeFrames.error("access_denied: " + refusal)
          : BridgeFrames.failure(replyAddress, address, 403, "RECIPIENT_FAILURE", "access_denied: " + refusal));
      return;
    }
    switch (type) {
      case "ping" -> write(BridgeFrames.pong());
      case "register" -> subscribe();
      case "unregister" -> {
        if (unsubscribe == null) {
          write(BridgeFrames.error("unknown_address"));
        }
        stopEvents();
      }
      default -> request(address, replyAddress, frame.getValue("body"));
    }
  }

  private void request(String address, String replyAddress, Object body) {
    DeliveryOptions options = new DeliveryOptions().setSendTimeout(BridgeContract.REQUEST_TIMEOUT_MILLIS)
        .addHeader(BusAddresses.ORIGIN_HEADER, client.origin());
    inFlight++;
    Future<Message<Object>> reply = vertx.eventBus().request(address, body, options);
    reply.onComplete(done -> {
      inFlight--;
      if (replyAddress != null && !closing) {
        if (done.succeeded()) {
          JsonObject headers = new JsonObject();
          for (Map.Entry<String, String> header : done.result().headers()) {
            headers.put(header.getKey(), header.getValue());
          }
          write(BridgeFrames.message(replyAddress, null, headers, done.result().body(), true));
        } else {
          ReplyException failure = done.cause() instanceof ReplyException e ? e : null;
          write(BridgeFrames.failure(replyAddress, address, failure == null ? -1 : failure.failureCode(),
              failure == null ? "RECIPIENT_FAILURE" : failure.failureType().name(),
              String.valueOf(done.cause().getMessage())));
        }
      }
      readFrames();
    });
  }

  private void subscribe() {
    if (unsubscribe == null) {
      unsubscribe = events.listen(event -> context.runOnContext(v -> event(event)));
    }
  }

  private void stopEvents() {
    if (unsubscribe != null) {
      unsubscribe.run();
      unsubscribe = null;
    }
  }

  private void event(JsonObject event) {
    if (closing || unsubscribe == null) {
      return;
    }
    if (queued > BridgeContract.WRITE_QUEUE_BYTES) {
      dropped++;
      countDropped.run();
      return;
    }
    write(BridgeFrames.message(BusAddresses.EVENTS, null, new JsonObject(), event, false));
  }

  private void write(JsonObject frame) {
    Buffer bytes = BridgeFrames.encode(frame);
    int length = bytes.length();
    queued += length;
    socket.write(bytes).onComplete(done -> written(length));
  }

  private void written(int length) {
    queued -= length;
    if (queued <= BridgeContract.WRITE_QUEUE_BYTES / 2) {
      if (dropped > 0 && !closing) {
        long count = dropped;
        dropped = 0;
        write(BridgeFrames.message(BusAddresses.EVENTS, null, new JsonObject(),
            FleetEvent.dropped(host, count).toJson(), false));
      }
      if (readPaused) {
        readFrames();
      }
    }
  }

  private void pauseReading() {
    if (!readPaused) {
      readPaused = true;
      socket.pause();
    }
  }

  private void resumeReading() {
    if (readPaused) {
      readPaused = false;
      socket.resume();
    }
  }
}
