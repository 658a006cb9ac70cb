package io.weft.bench.bridge;

import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import io.vertx.core.net.NetClient;
import io.vertx.core.net.NetClientOptions;
import io.vertx.core.net.NetSocket;
import io.vertx.core.net.PemKeyCertOptions;
import io.vertx.core.net.PemTrustOptions;
import io.vertx.core.parsetools.RecordParser;
import io.weft.common.bus.BridgeContract;
import io.weft.common.bus.BusAddresses;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;

/**
 * A bridge client for the benchmarks, with a credential of {@code weft credentials}: requests
 * with replies, and the event stream. Many share one Vert.x and one {@link NetClient}.
 */
public final class BridgeLink {

  private final NetSocket socket;
  private final Map<String, Promise<JsonObject>> waiting = new ConcurrentHashMap<>();
  private final AtomicLong next = new AtomicLong();
  private volatile Consumer<JsonObject> events = event -> {};

  private BridgeLink(NetSocket socket) {
    this.socket = socket;
    RecordParser parser = RecordParser.newFixed(4);
    int[] length = {-1};
    parser.handler(part -> {
      if (length[0] < 0) {
        length[0] = part.getInt(0);
        parser.fixedSizeMode(length[0]);
      } else {
        length[0] = -1;
        parser.fixedSizeMode(4);
        arrived(new JsonObject(part));
      }
    });
    socket.handler(parser);
  }

  public static NetClient client(Vertx vertx, Path credentials) {
    return vertx.createNetClient(new NetClientOptions().setSsl(true)
        .setKeyCertOptions(new PemKeyCertOptions()
            .setKeyPath(credentials.resolve(BridgeContract.KEY_FILE).toString())
            .setCertPath(credentials.resolve(BridgeContract.CERT_FILE).toString()))
        .setTrustOptions(new PemTrustOptions().addCertPath(credentials.resolve(BridgeContract.CA_FILE).toString()))
        .setHostnameVerificationAlgorithm("").setTcpNoDelay(true).setConnectTimeout(10_000));
  }

  public static Future<BridgeLink> connect(NetClient client, String address) {
    return client.connect(BridgeContract.PORT, address).map(BridgeLink::new);
  }

  public Future<JsonObject> request(String address, JsonObject body) {
    String reply = "r" + next.incrementAndGet();
    Promise<JsonObject> promise = Promise.promise();
    waiting.put(reply, promise);
    write(new JsonObject().put("type", "send").put("address", address).put("replyAddress", reply)
        .put("body", body));
    return promise.future();
  }

  /** Subscribes; {@code handler} gets each event, on the connection's event loop. */
  public Future<Void> subscribe(Consumer<JsonObject> handler) {
    events = handler;
    write(new JsonObject().put("type", "register").put("address", BusAddresses.EVENTS));
    return request(BusAddresses.FLEET, new JsonObject().put("query", "peers")).mapEmpty();
  }

  public Future<Void> close() {
    return socket.close();
  }

  private void write(JsonObject frame) {
    byte[] bytes = frame.encode().getBytes(StandardCharsets.UTF_8);
    socket.write(Buffer.buffer().appendInt(bytes.length).appendBytes(bytes));
  }

  private void arrived(JsonObject frame) {
    String address = frame.getString("address");
    if (BusAddresses.EVENTS.equals(address)) {
      events.accept(frame.getJsonObject("body"));
      return;
    }
    Promise<JsonObject> promise = address == null ? null : waiting.remove(address);
    if (promise == null) {
      return;
    }
    if ("err".equals(frame.getString("type"))) {
      promise.fail(frame.getString("message"));
    } else {
      promise.complete(frame.getJsonObject("body"));
    }
  }
}
