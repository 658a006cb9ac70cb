package io.weft.agent.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.weft.common.bus.BusAddresses;
import io.weft.common.client.WeftClient;
import java.io.InputStream;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The loopback API serves programs on the host and refuses what a web page makes a browser send. */
class AgentApiTest {

  private static final String COMMAND = "{\"command\":{\"verb\":\"ps\"}}";
  private Vertx vertx;
  private int port;

  @BeforeEach
  void start() throws Exception {
    vertx = Vertx.vertx();
    vertx.eventBus().consumer(BusAddresses.FLEET, m -> m.reply(new JsonObject().put("peers", new JsonArray())));
    try (ServerSocket free = new ServerSocket(0)) {
      port = free.getLocalPort();
    }
    new AgentApi(vertx, "host1", new WeftClient(vertx.eventBus())).listen(port).await(5, TimeUnit.SECONDS);
  }

  @AfterEach
  void stop() throws Exception {
    vertx.close().await(5, TimeUnit.SECONDS);
  }

  @Test
  void weftCallsRequestsAreServed() throws Exception {
    assertEquals(200, status("GET /v1/peers HTTP/1.0\r\nHost: localhost\r\n\r\n"));
    int command = status(post("Host: localhost\r\nContent-Type: application/json\r\n"));
    assertTrue(command != 403 && command != 415, "status " + command);
    assertEquals(200, status("GET /v1/peers HTTP/1.0\r\nHost: 127.0.0.1:6784\r\n\r\n"));
  }

  @Test
  void aBrowsersRequestsAreRefused() throws Exception {
    assertEquals(403, status(post("Host: localhost\r\nOrigin: http://evil.example\r\n"
        + "Content-Type: application/json\r\n")));
    assertEquals(403, status("GET /v1/peers HTTP/1.0\r\nHost: localhost\r\nOrigin: null\r\n\r\n"));
    assertEquals(403, status("GET /v1/peers HTTP/1.0\r\nHost: localhost\r\nSec-Fetch-Site: cross-site\r\n\r\n"));
    // a page whose name was rebound to 127.0.0.1 sends its own name
    assertEquals(403, status("GET /v1/peers HTTP/1.0\r\nHost: evil.example:6784\r\n\r\n"));
    // a form posts text/plain or form data without asking first
    assertEquals(415, status(post("Host: localhost\r\nContent-Type: text/plain\r\n")));
    assertEquals(415, status(post("Host: localhost\r\n")));
  }

  private static String post(String headers) {
    return "POST /v1/command HTTP/1.0\r\n" + headers + "Content-Length: " + COMMAND.length()
        + "\r\n\r\n" + COMMAND;
  }

  private int status(String request) throws Exception {
    try (Socket s = new Socket("127.0.0.1", port)) {
      s.setSoTimeout(10_000);
      s.getOutputStream().write(request.getBytes(StandardCharsets.UTF_8));
      InputStream in = s.getInputStream();
      String answer = new String(in.readAllBytes(), StandardCharsets.UTF_8);
      return Integer.parseInt(answer.split(" ", 3)[1]);
    }
  }
}
