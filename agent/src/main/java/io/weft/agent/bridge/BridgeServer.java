package io.weft.agent.bridge;

import io.vertx.core.Future;
import io.vertx.core.Handler;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.eventbus.EventBus;
import io.vertx.core.eventbus.Message;
import io.vertx.core.json.JsonObject;
import io.vertx.core.net.NetServer;
import io.vertx.core.net.NetServerOptions;
import io.vertx.core.net.NetSocket;
import io.vertx.ext.bridge.BridgeEventType;
import io.vertx.ext.eventbus.bridge.tcp.BridgeEvent;
import io.vertx.ext.eventbus.bridge.tcp.TcpEventBusBridge;
import io.weft.common.bus.BridgeContract;
import io.weft.common.bus.BusAddresses;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.logging.Logger;
import javax.net.ssl.SSLPeerUnverifiedException;

/**
 * The bridge for programs that are not on the cluster's bus: Vert.x's TCP event-bus bridge
 * ({@code vertx-tcp-eventbus-bridge}), whose framing has clients in many languages, on the
 * underlay address, in mutual TLS with the bridge clients' authority as the only trust anchor
 * ({@code options}). Around the library: every frame is checked against {@link BridgePolicy}
 * with the client's certificate, frames are bounded, a slow reader's events are dropped
 * ({@link GuardedSocket}), and subscriptions to the events stay on this host ({@link EventFeed}).
 *
 * <p>The library takes a {@link Vertx} and asks it for its server and bus; it gets this agent's,
 * seen through two small views: one whose server hands it each connection wrapped, one whose bus
 * subscribes to {@code weft.events} locally.
 */
public final class BridgeServer {

  private static final Logger LOG = Logger.getLogger(BridgeServer.class.getName());

  private final Vertx vertx;
  private final String host;
  private final NetServerOptions options;
  private final AtomicInteger clients = new AtomicInteger();
  private final AtomicLong dropped = new AtomicLong();

  private final int maxClients;

  /** @param options the TLS server options: address, port, mutual TLS */
  public BridgeServer(Vertx vertx, String host, NetServerOptions options) {
    this(vertx, host, options, BridgeContract.MAX_CLIENTS);
  }

  /** @param maxClients connections served at once; one more is closed as it comes */
  public BridgeServer(Vertx vertx, String host, NetServerOptions options, int maxClients) {
    this.vertx = vertx;
    this.host = host;
    this.options = options;
    this.maxClients = maxClients;
  }

  public Future<TcpEventBusBridge> listen() {
    return TcpEventBusBridge.create(view(), BridgePolicy.options(), options, this::check).listen();
  }

  /** Clients connected now. */
  public int clients() {
    return clients.get();
  }

  /** Events dropped for slow clients since the start. */
  public long dropped() {
    return dropped.get();
  }

  private void check(BridgeEvent event) {
    BridgeEventType type = event.type();
    if (type == BridgeEventType.SOCKET_CREATED || type == BridgeEventType.SOCKET_CLOSED
        || type == BridgeEventType.REGISTERED || type == BridgeEventType.SOCKET_IDLE) {
      event.complete(true);
      return;
    }
    JsonObject frame = event.getRawMessage();
    BridgeClient client = client(event.socket());
    String refusal = frame == null ? "no frame" : BridgePolicy.refusal(client,
        frame.getString("type", ""), frame.getString("address"), frame.getValue("body"));
    if (refusal != null) {
      LOG.fine(() -> "bridge: refused " + client + ": " + refusal);
      String replyAddress = frame == null ? null : frame.getString("replyAddress");
      if (replyAddress != null) {
        // the refusal, as the failed reply the client waits for
        write(event.socket(), new JsonObject().put("type", "err").put("address", replyAddress)
            .put("sourceAddress", frame.getString("address")).put("failureCode", 403)
            .put("failureType", "RECIPIENT_FAILURE").put("message", "access_denied: " + refusal));
      }
      event.complete(false);
      return;
    }
    event.complete(true);
  }

  private static BridgeClient client(NetSocket socket) {
    try {
      return BridgeClient.of(socket.sslSession() == null ? null
          : List.of(socket.sslSession().getPeerCertificates()));
    } catch (SSLPeerUnverifiedException e) {
      return BridgeClient.of(null);
    }
  }

  private static void write(NetSocket socket, JsonObject frame) {
    byte[] bytes = frame.encode().getBytes(StandardCharsets.UTF_8);
    socket.write(Buffer.buffer().appendInt(bytes.length).appendBytes(bytes));
  }

  private void connected(NetSocket socket, Handler<NetSocket> bridge) {
    if (clients.incrementAndGet() > maxClients) {
      clients.decrementAndGet();
      write(socket, new JsonObject().put("type", "err")
          .put("message", "closed: this agent serves " + maxClients + " clients already; try another host"));
      socket.close();
      return;
    }
    socket.closeHandler(v -> clients.decrementAndGet());
    bridge.handle(GuardedSocket.wrap(socket, host, dropped));
  }

  // ---- the views the library gets

  private Vertx view() {
    EventBus bus = localEvents(vertx.eventBus());
    return proxy(Vertx.class, vertx, (method, args) -> {
      if (method.equals("eventBus") && args == null) {
        return bus;
      }
      if (method.equals("createNetServer") && args != null && args.length == 1) {
        NetServer server = vertx.createNetServer((NetServerOptions) args[0]);
        return wrappedConnections(server);
      }
      return NOT_MINE;
    });
  }

  @SuppressWarnings("unchecked")
  private NetServer wrappedConnections(NetServer server) {
    return proxy(NetServer.class, server, (method, args) -> {
      if (method.equals("connectHandler") && args != null && args.length == 1) {
        Handler<NetSocket> bridge = (Handler<NetSocket>) args[0];
        server.connectHandler(bridge == null ? null : socket -> connected(socket, bridge));
        return null; // the library ignores it; NOT_MINE would hand back the unwrapped server
      }
      return NOT_MINE;
    });
  }

  /** The bus, with {@code consumer(weft.events, h)} made a local one (the feed relays to it). */
  @SuppressWarnings("unchecked")
  private static EventBus localEvents(EventBus bus) {
    return proxy(EventBus.class, bus, (method, args) -> {
      if (method.equals("consumer") && args != null && args.length == 2
          && BusAddresses.EVENTS.equals(args[0])) {
        return bus.localConsumer(BusAddresses.EVENTS, (Handler<Message<Object>>) args[1]);
      }
      return NOT_MINE;
    });
  }

  private static final Object NOT_MINE = new Object();

  private interface Intercept {
    /** The call's result, or {@link #NOT_MINE} to pass it to the real object. */
    Object call(String method, Object[] args);
  }

  private static <T> T proxy(Class<T> type, T real, Intercept override) {
    return type.cast(Proxy.newProxyInstance(type.getClassLoader(), new Class<?>[] {type},
        (proxy, method, args) -> {
          Object mine = override.call(method.getName(), args);
          if (mine != NOT_MINE) {
            return mine;
          }
          try {
            return method.invoke(real, args);
          } catch (InvocationTargetException e) {
            throw e.getCause();
          }
        }));
  }
}
