package io.weft.agent.dns;

import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.VerticleBase;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.datagram.DatagramPacket;
import io.vertx.core.datagram.DatagramSocket;
import io.vertx.core.net.NetServer;
import io.vertx.core.net.NetServerOptions;
import io.vertx.core.net.NetSocket;
import io.weft.agent.dns.wire.Dns;
import io.weft.agent.dns.wire.Query;
import io.weft.agent.dns.wire.Responses;
import io.weft.common.net.Ipv4;
import java.util.List;
import java.util.function.Consumer;
import java.util.function.Supplier;
import java.util.logging.Logger;

/**
 * weft's DNS server on one address of the host, over UDP and TCP, on an event loop of its own so
 * that no flood of queries holds up the agent's other work. Answers come from {@link
 * QueryAnswerer} without waiting; what is not weft's goes through the {@link Forwarder}. TCP is
 * bounded: {@value #MAX_CONNECTIONS} connections at once, {@value #PER_CLIENT} of one client
 * address, and when all are taken a new one takes the place of the oldest; each conversation
 * is held to its share ({@link DnsConnection}) and closed after {@value #IDLE_SECONDS} s of
 * silence or when it breaks the framing. Wherever it answers, its guard ({@link DnsGuard}) keeps
 * the host's other users and everyone off the bridge from asking it.
 */
public final class DnsServer extends VerticleBase {

  private static final Logger LOG = Logger.getLogger(DnsServer.class.getName());
  static final int MAX_CONNECTIONS = 64;
  static final int PER_CLIENT = 8;
  static final int IDLE_SECONDS = 10;

  private final QueryAnswerer answerer;
  private final Supplier<List<Ipv4>> resolvers;
  private final DnsGuard guard;
  private Forwarder forwarder;
  private DatagramSocket udp;
  private NetServer tcp;
  private volatile Ipv4 bound;
  /** Open conversations, the oldest first. */
  private final java.util.LinkedHashMap<DnsConnection, String> connections = new java.util.LinkedHashMap<>();

  /** A server without a guard: for tests, which must not touch the machine's firewall. */
  public DnsServer(QueryAnswerer answerer, Supplier<List<Ipv4>> resolvers) {
    this(answerer, resolvers, DnsGuard.NONE);
  }

  /**
   * @param resolvers the host's resolvers now, asked for every name that is not weft's
   * @param guard keeps the address the server answers at to those who may ask it
   */
  public DnsServer(QueryAnswerer answerer, Supplier<List<Ipv4>> resolvers, DnsGuard guard) {
    this.answerer = answerer;
    this.resolvers = resolvers;
    this.guard = guard;
  }

  @Override
  public Future<?> start() {
    forwarder = new Forwarder(vertx, resolvers);
    return forwarder.start();
  }

  /** The address it answers at now, or null. */
  public Ipv4 address() {
    return bound;
  }

  /** Answers at {@code address} (port 53) from now on, and no longer where it did before. */
  public Future<Void> listenOn(Ipv4 address) {
    Promise<Void> done = Promise.promise();
    context.runOnContext(v -> bind(address).onComplete(done));
    return done.future();
  }

  private Future<Void> bind(Ipv4 address) {
    if (address.equals(bound)) {
      return Future.succeededFuture();
    }
    Future<Void> closed = Future.all(udp == null ? Future.succeededFuture() : udp.close(),
        tcp == null ? Future.succeededFuture() : tcp.close()).mapEmpty();
    udp = null;
    tcp = null;
    bound = null;
    return closed.transform(ignored -> {
      DatagramSocket newUdp = vertx.createDatagramSocket();
      newUdp.handler(this::received);
      NetServer newTcp = vertx.createNetServer(new NetServerOptions().setIdleTimeout(IDLE_SECONDS));
      newTcp.connectHandler(this::connected);
      // guarded first: no moment in which anyone may ask
      return vertx.executeBlocking(() -> {
            guard.allowOnly(address);
            return null;
          }, false)
          .compose(g -> newUdp.listen(Dns.PORT, address.toString()))
          .compose(u -> newTcp.listen(Dns.PORT, address.toString()))
          .onSuccess(t -> {
            udp = newUdp;
            tcp = newTcp;
            bound = address;
            LOG.info("weft's DNS answers at " + address + ":" + Dns.PORT + " (UDP and TCP)");
          })
          .onFailure(e -> {
            newUdp.close();
            newTcp.close();
          })
          .mapEmpty();
    });
  }

  private void received(DatagramPacket packet) {
    byte[] message = packet.data().getBytes();
    String host = packet.sender().host();
    int port = packet.sender().port();
    handle(message, false, answer -> {
      if (answer != null) {
        udp.send(Buffer.buffer(answer), port, host);
      }
    });
  }

  private void connected(NetSocket socket) {
    String client = socket.remoteAddress().hostAddress();
    if (connections.values().stream().filter(client::equals).count() >= PER_CLIENT) {
      socket.close();
      return;
    }
    if (connections.size() >= MAX_CONNECTIONS) {
      // full: the oldest conversation makes room, so no one holds every place for long
      DnsConnection oldest = connections.keySet().iterator().next();
      connections.remove(oldest);
      oldest.close();
    }
    DnsConnection connection = new DnsConnection(vertx, socket, (message, answer) -> handle(message, true, answer));
    connections.put(connection, client);
    connection.start(() -> connections.remove(connection));
  }

  /** Works out the answer and hands it to {@code send}, once: null when there is none to send. */
  private void handle(byte[] message, boolean overTcp, Consumer<byte[]> send) {
    QueryAnswerer.Outcome outcome = answerer.answer(message, message.length, overTcp);
    if (outcome instanceof QueryAnswerer.Outcome.Reply reply) {
      send.accept(reply.message());
    } else if (outcome instanceof QueryAnswerer.Outcome.Forward forward) {
      Query query = forward.query();
      forwarder.forward(message, query, overTcp).onComplete(done -> send.accept(done.succeeded()
          ? done.result()
          : Responses.answer(message, query, Dns.SERVFAIL, false, List.of(),
              overTcp ? QueryAnswerer.TCP_LIMIT : query.udpLimit())));
    } else if (outcome instanceof QueryAnswerer.Outcome.Drop drop) {
      LOG.fine("dropped a message: " + drop.why());
      send.accept(null);
    }
  }
}
