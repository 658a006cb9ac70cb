package io.weft.agent.bridge;

import io.vertx.core.Future;
import io.vertx.core.Handler;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import io.vertx.core.net.NetSocket;
import io.weft.common.bus.BridgeContract;
import io.weft.common.bus.BusAddresses;
import io.weft.common.bus.FleetEvent;
import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.nio.charset.StandardCharsets;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;

/**
 * One bridge connection as the bridge library sees it: the real socket, with what the library
 * lacks put around it.
 *
 * <ul>
 *   <li><b>Frames are bounded and checked before the library reads them</b>: a length above
 *       {@link #MAX_FRAME}, a frame that is not a JSON object, or one of an unknown type closes
 *       the connection with an {@code err} frame (the library would buffer any length, and
 *       throws on an unknown type).
 *   <li><b>A slow reader never grows the agent's memory</b>: while the socket's write queue is
 *       full, event frames for this client are dropped and counted, and the client's own requests
 *       are not read (so the replies it is owed stay bounded); once the queue drains, it gets
 *       one {@code dropped} event with the count.
 * </ul>
 */
final class GuardedSocket implements InvocationHandler {

  /** A request is a command: kilobytes. Anything larger is not one. */
  static final int MAX_FRAME = BridgeContract.MAX_FRAME_BYTES;
  /** Bytes queued for one client before its events are dropped. */
  static final int WRITE_QUEUE_BYTES = BridgeContract.WRITE_QUEUE_BYTES;
  private static final Set<String> TYPES = Set.of("send", "publish", "register", "unregister", "ping");
  /** How the library's event frames start (it writes {@code type} then {@code address}). */
  private static final byte[] EVENT_FRAME = ("{\"type\":\"message\",\"address\":\""
      + BusAddresses.EVENTS + "\"").getBytes(StandardCharsets.UTF_8);

  private final NetSocket socket;
  private final String host;
  private final AtomicLong droppedTotal;
  private Buffer pending = Buffer.buffer();
  private long dropped;
  private boolean closing;
  /** Bytes written to the socket and not yet out: only ever touched on its event loop. */
  private long queued;
  private boolean paused;
  private boolean waiting;

  private GuardedSocket(NetSocket socket, String host, AtomicLong droppedTotal) {
    this.socket = socket;
    this.host = host;
    this.droppedTotal = droppedTotal;
  }

  /** The socket the library gets. {@code droppedTotal} counts drops over every client. */
  static NetSocket wrap(NetSocket socket, String host, AtomicLong droppedTotal) {
    return (NetSocket) Proxy.newProxyInstance(NetSocket.class.getClassLoader(),
        new Class<?>[] {NetSocket.class}, new GuardedSocket(socket, host, droppedTotal));
  }

  @Override
  @SuppressWarnings("unchecked")
  public Object invoke(Object proxy, Method method, Object[] args) throws Throwable {
    String name = method.getName();
    int arity = args == null ? 0 : args.length;
    if (name.equals("handler") && arity == 1) {
      Handler<Buffer> parser = (Handler<Buffer>) args[0];
      socket.handler(parser == null ? null : data -> read(data, parser));
      return proxy;
    }
    if (name.equals("write") && arity == 1 && args[0] instanceof Buffer frame) {
      return write(frame);
    }
    if (name.equals("equals") && arity == 1) {
      return proxy == args[0];
    }
    if (name.equals("hashCode") && arity == 0) {
      return System.identityHashCode(proxy);
    }
    try {
      Object result = method.invoke(socket, args);
      return result == socket ? proxy : result;
    } catch (InvocationTargetException e) {
      throw e.getCause();
    }
  }

  /** Cuts what arrives into frames, hands each good one to the library; a bad one ends it all. */
  private void read(Buffer data, Handler<Buffer> parser) {
    if (closing) {
      return;
    }
    pending.appendBuffer(data);
    int offset = 0;
    while (pending.length() - offset >= 4) {
      int length = pending.getInt(offset);
      if (length < 2 || length > MAX_FRAME) {
        refuse("a frame of " + length + " bytes (at most " + MAX_FRAME + ")");
        return;
      }
      if (pending.length() - offset - 4 < length) {
        break;
      }
      Buffer frame = pending.getBuffer(offset, offset + 4 + length);
      offset += 4 + length;
      String problem = problem(frame.getBuffer(4, frame.length()));
      if (problem != null) {
        refuse(problem);
        return;
      }
      parser.handle(frame);
    }
    pending = offset == pending.length() ? Buffer.buffer() : pending.getBuffer(offset, pending.length());
  }

  private static String problem(Buffer payload) {
    JsonObject json;
    try {
      json = new JsonObject(payload);
    } catch (RuntimeException e) {
      return "a frame that is not a JSON object";
    }
    Object type = json.getValue("type");
    return type instanceof String t && TYPES.contains(t) ? null : "a frame of unknown type " + type;
  }

  private void refuse(String why) {
    closing = true;
    pending = Buffer.buffer();
    byte[] err = new JsonObject().put("type", "err").put("message", "closed: " + why).encode()
        .getBytes(StandardCharsets.UTF_8);
    socket.write(Buffer.buffer().appendInt(err.length).appendBytes(err));
    socket.close();
  }

  /**
   * Bytes handed to the socket and not yet written out are counted here, not by the socket's
   * own queue: through TLS, Vert.x sees a slow reader's backlog late or never.
   */
  private Future<Void> write(Buffer frame) {
    if (queued > WRITE_QUEUE_BYTES) {
      if (isEvent(frame)) {
        dropped++;
        droppedTotal.incrementAndGet();
        return Future.succeededFuture();
      }
      paused = true;
      socket.pause(); // a reply it is owed goes; its next requests wait until it has read
    }
    return send(frame);
  }

  private Future<Void> send(Buffer frame) {
    int length = frame.length();
    queued += length;
    return socket.write(frame).andThen(done -> written(length));
  }

  private void written(int length) {
    queued -= length;
    if (queued <= WRITE_QUEUE_BYTES / 2 && dropped > 0) {
      JsonObject notice = new JsonObject().put("type", "message").put("address", BusAddresses.EVENTS)
          .put("send", false).put("body", FleetEvent.dropped(host, dropped).toJson());
      dropped = 0;
      byte[] bytes = notice.encode().getBytes(StandardCharsets.UTF_8);
      send(Buffer.buffer().appendInt(bytes.length).appendBytes(bytes));
    }
    if (paused && queued <= WRITE_QUEUE_BYTES / 2) {
      paused = false;
      socket.resume();
    }
  }

  private static boolean isEvent(Buffer frame) {
    if (frame.length() < 4 + EVENT_FRAME.length) {
      return false;
    }
    for (int i = 0; i < EVENT_FRAME.length; i++) {
      if (frame.getByte(4 + i) != EVENT_FRAME[i]) {
        return false;
      }
    }
    return true;
  }
}
