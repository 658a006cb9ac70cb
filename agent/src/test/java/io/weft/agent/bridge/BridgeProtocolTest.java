package io.weft.agent.bridge;

import static io.weft.agent.bridge.BridgeKit.frame;
import static io.weft.agent.bridge.BridgeKit.read;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.bridge.BridgeOptions;
import io.vertx.ext.bridge.PermittedOptions;
import io.vertx.ext.eventbus.bridge.tcp.TcpEventBusBridge;
import io.weft.agent.UnitLocks;
import io.weft.agent.tls.FleetTls;
import io.weft.common.bus.BridgeContract;
import io.weft.common.bus.BusAddresses;
import io.weft.common.bus.FleetEvent;
import io.weft.common.bus.FleetEvents;
import java.net.InetAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLSocket;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.parallel.ResourceLock;

/**
 * weft's bridge speaks the protocol of Vert.x's TCP event-bus bridge, for which clients exist in
 * many languages: the library's own server, beside weft's on the same bus, answers the same
 * frames with the same frames. Should a release of {@code vertx-tcp-eventbus-bridge} change the
 * protocol, this fails, rather than the clients written for it.
 */
@ResourceLock(UnitLocks.BOUNDED_CRYPTO)
class BridgeProtocolTest {

  private static BridgeKit kit;
  private static int weftPort;
  private static int libraryPort;
  private static TcpEventBusBridge library;

  @BeforeAll
  static void start() throws Exception {
    kit = new BridgeKit();
    kit.vertx.eventBus().consumer(BusAddresses.host("host1"), m -> m.reply(new JsonObject()
        .put("host", "host1").put("ok", true).put("result", new JsonObject().put("containers", new JsonArray()))));
    kit.vertx.eventBus().consumer(BusAddresses.host("failing"), m -> m.fail(409, "ADDRESS_IN_USE: taken"));
    weftPort = BridgeKit.freePort();
    kit.bridge(weftPort, BridgeContract.MAX_CLIENTS).listen().await(5, TimeUnit.SECONDS);
    libraryPort = BridgeKit.freePort();
    FleetTls tls = new FleetTls(kit.fleet.issue("host1", List.of(InetAddress.getByName("127.0.0.1"))));
    library = TcpEventBusBridge.create(kit.vertx, new BridgeOptions()
            .addInboundPermitted(new PermittedOptions().setAddressRegex("weft\\.host\\.[^.]+"))
            .addInboundPermitted(new PermittedOptions().setAddress(BusAddresses.FLEET))
            .addOutboundPermitted(new PermittedOptions().setAddress(BusAddresses.EVENTS)),
        tls.server("127.0.0.1", libraryPort, kit.clients.authority()));
    library.listen().await(5, TimeUnit.SECONDS);
  }

  @AfterAll
  static void stop() throws Exception {
    library.close().await(5, TimeUnit.SECONDS);
    kit.close();
  }

  @Test
  void aPingIsAnsweredWithAPong() throws Exception {
    assertSameAnswers(List.of(new JsonObject().put("type", "ping")), 1);
  }

  @Test
  void aRequestsReplyComesToItsReplyAddress() throws Exception {
    assertSameAnswers(List.of(send(BusAddresses.host("host1"), "ps-1", new JsonObject().put("verb", "ps"))), 1);
  }

  @Test
  void aFailedRequestIsAnErrFrameForItsReplyAddress() throws Exception {
    assertSameAnswers(List.of(
        send(BusAddresses.host("nobody"), "r-1", new JsonObject().put("verb", "ps")),
        send(BusAddresses.host("failing"), "r-2", new JsonObject().put("verb", "ps"))), 2);
  }

  @Test
  void aSubscriberGetsEachEventAsAMessageFrame() throws Exception {
    List<List<JsonObject>> answers = new ArrayList<>();
    FleetEvent left = FleetEvent.peerLeft("host9");
    for (int port : new int[] {weftPort, libraryPort}) {
      try (SSLSocket socket = kit.connect(kit.credential("watcher", true), port)) {
        frame(socket, new JsonObject().put("type", "register").put("address", BusAddresses.EVENTS));
        frame(socket, new JsonObject().put("type", "ping"));
        List<JsonObject> got = new ArrayList<>(List.of(comparable(read(socket))));
        FleetEvents.on(kit.vertx.eventBus(), "host1").publish(left);
        got.add(comparable(read(socket)));
        frame(socket, new JsonObject().put("type", "unregister").put("address", BusAddresses.EVENTS));
        frame(socket, new JsonObject().put("type", "unregister").put("address", BusAddresses.EVENTS));
        got.add(comparable(read(socket)));
        answers.add(got);
      }
    }
    assertEquals(answers.get(1), answers.get(0), "the library's answers, then weft's");
  }

  private static JsonObject send(String address, String replyAddress, JsonObject body) {
    return new JsonObject().put("type", "send").put("address", address).put("replyAddress", replyAddress)
        .put("body", body);
  }

  /** Sends {@code frames} to each server and compares the first {@code answers} frames each gives back. */
  private static void assertSameAnswers(List<JsonObject> frames, int answers) throws Exception {
    List<List<JsonObject>> got = new ArrayList<>();
    for (int port : new int[] {weftPort, libraryPort}) {
      try (SSLSocket socket = kit.connect(kit.credential("conformance", false), port)) {
        for (JsonObject f : frames) {
          frame(socket, f);
        }
        List<JsonObject> these = new ArrayList<>();
        for (int i = 0; i < answers; i++) {
          these.add(comparable(read(socket)));
        }
        these.sort((a, b) -> a.encode().compareTo(b.encode()));
        got.add(these);
      }
    }
    assertEquals(got.get(1), got.get(0), "the library's answers, then weft's");
  }

  /** A frame without its headers: the library copies the bus's own, which clients never read. */
  private static JsonObject comparable(JsonObject frame) {
    JsonObject copy = frame.copy();
    copy.remove("headers");
    return copy;
  }
}
