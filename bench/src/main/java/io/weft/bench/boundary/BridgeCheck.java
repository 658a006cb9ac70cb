package io.weft.bench.boundary;

import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import io.vertx.core.net.NetSocket;
import io.weft.bench.bridge.BridgeLink;
import io.weft.common.bus.BridgeContract;
import io.weft.shell.sandbox.SandboxHost;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/** Whether a host's bridge takes a credential: a connection with it, and a ping answered. */
public final class BridgeCheck {

  private static final long BOUND_SECONDS = 10;

  private BridgeCheck() {}

  /** A connection to {@code host}'s bridge with {@code credential} (its handshake done, client side). */
  public static NetSocket connect(Vertx vertx, Path credential, SandboxHost host) throws Exception {
    return BridgeLink.client(vertx, credential).connect(BridgeContract.PORT, host.address())
        .toCompletionStage().toCompletableFuture().get(BOUND_SECONDS, TimeUnit.SECONDS);
  }

  /**
   * Whether a new connection with {@code credential} to {@code host}'s bridge is answered a ping.
   * Everything is set on the connection as it is made: in TLS 1.3 the client's handshake ends
   * before the server has judged its certificate, so a refusal comes just after.
   */
  public static boolean answersPing(Vertx vertx, Path credential, SandboxHost host) {
    CompletableFuture<Boolean> pong = new CompletableFuture<>();
    BridgeLink.client(vertx, credential).connect(BridgeContract.PORT, host.address()).onComplete(done -> {
      if (done.failed()) {
        pong.complete(false);
        return;
      }
      NetSocket socket = done.result();
      pingOn(socket, pong);
      pong.whenComplete((answered, e) -> socket.close());
    });
    try {
      return pong.get(BOUND_SECONDS, TimeUnit.SECONDS);
    } catch (Exception refused) {
      return false;
    }
  }

  /** Whether {@code socket} answers a ping with a pong (false when it is closed instead). */
  public static boolean ping(NetSocket socket) throws Exception {
    CompletableFuture<Boolean> pong = new CompletableFuture<>();
    pingOn(socket, pong);
    return pong.get(BOUND_SECONDS, TimeUnit.SECONDS);
  }

  private static void pingOn(NetSocket socket, CompletableFuture<Boolean> pong) {
    Buffer got = Buffer.buffer();
    socket.handler(bytes -> {
      got.appendBuffer(bytes);
      if (got.length() >= 4 && got.length() >= 4 + got.getInt(0)) {
        pong.complete("pong".equals(new JsonObject(got.getBuffer(4, 4 + got.getInt(0))).getString("type")));
      }
    });
    socket.closeHandler(v -> pong.complete(false));
    socket.exceptionHandler(e -> pong.complete(false));
    byte[] frame = new JsonObject().put("type", "ping").encode().getBytes(StandardCharsets.UTF_8);
    socket.write(Buffer.buffer().appendInt(frame.length).appendBytes(frame));
  }
}
