package io.weft.agent.bus;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.weft.agent.metrics.AgentMetrics;
import io.weft.common.ErrorCode;
import io.weft.common.WeftException;
import io.weft.common.bus.BusAddresses;
import io.weft.common.bus.HostReply;
import io.weft.common.client.WeftClient;
import io.weft.common.command.Ps;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Malformed messages on a real (local) event bus get a coded reply, and the consumer keeps
 * serving after them and after a command that fails inside.
 */
class CommandConsumerTest {

  private Vertx vertx;
  private AgentMetrics metrics;

  @BeforeEach
  void start() throws Exception {
    vertx = Vertx.vertx();
    metrics = AgentMetrics.none();
    // Every well-formed command fails inside, on purpose: one with a code, the rest without.
    await(new CommandConsumer(vertx, "h1", command -> {
      if (command instanceof Ps) {
        throw new IllegalStateException("the kernel went away");
      }
      throw new WeftException(ErrorCode.NETLINK_FAILED, "the kernel said no");
    }, metrics).register());
  }

  @AfterEach
  void stop() throws Exception {
    await(vertx.close());
  }

  @Test
  void malformedMessagesGetBadRequestAndTheConsumerKeepsServing() throws Exception {
    assertBadRequest(request("not json"), "must be a JSON object");
    assertBadRequest(request(new JsonObject()), "no \"verb\"");
    assertBadRequest(request(new JsonObject().put("verb", "fly")), "unknown verb 'fly'");
    assertBadRequest(request(new JsonObject().put("verb", "attach").put("cidrs", "x")), "must be an array of strings");
    assertBadRequest(request(new JsonObject().put("verb", "attach").put("cidrs", new io.vertx.core.json.JsonArray().add("10.32.1.500/12")).put("container", "c")), "not an IPv4 address");

    HostReply failedInside = HostReply.fromJson(request(new JsonObject().put("verb", "ps")));
    assertFalse(failedInside.ok());
    assertEquals(ErrorCode.INTERNAL, failedInside.code());
    assertEquals("h1", failedInside.host());
    HostReply coded = HostReply.fromJson(request(new JsonObject().put("verb", "status")));
    assertEquals(ErrorCode.NETLINK_FAILED, coded.code());
    assertEquals("the kernel said no", coded.message());

    assertBadRequest(request(new JsonObject()), "no \"verb\"");
    assertEquals(8.0, metrics.registry().find("weft.commands").timers().stream()
        .mapToDouble(t -> t.count()).sum());
  }

  @Test
  void whileACommandRunsItsStartIsKnownAndOnceItEndsNoneIs() throws Exception {
    java.util.concurrent.Semaphore allowed = new java.util.concurrent.Semaphore(0);
    CommandConsumer held = new CommandConsumer(vertx, "h3", command -> {
      allowed.acquireUninterruptibly();
      throw new WeftException(ErrorCode.NETLINK_FAILED, "done");
    }, metrics);
    await(held.register());
    assertEquals(Long.MIN_VALUE, held.runningSince(), "none runs yet");
    long before = System.nanoTime();
    Future<io.vertx.core.eventbus.Message<Object>> reply =
        vertx.eventBus().request(BusAddresses.host("h3"), new JsonObject().put("verb", "status"));
    long deadline = System.nanoTime() + 10_000_000_000L;
    while (held.runningSince() == Long.MIN_VALUE && System.nanoTime() < deadline) {
      Thread.sleep(5);
    }
    assertTrue(held.runningSince() - before >= 0, "the running command's start");
    allowed.release();
    await(reply);
    deadline = System.nanoTime() + 10_000_000_000L;
    while (held.runningSince() != Long.MIN_VALUE && System.nanoTime() < deadline) {
      Thread.sleep(5);
    }
    assertEquals(Long.MIN_VALUE, held.runningSince(), "it ended");
  }

  @Test
  void theTypedClientNamesAHostThatIsNotThere() throws Exception {
    WeftClient client = new WeftClient(vertx.eventBus(), Duration.ofSeconds(2));
    HostReply reply = await(client.send("h9", new Ps()));
    assertEquals(ErrorCode.NO_SUCH_HOST, reply.code());
    assertEquals("h9", reply.host());
    assertTrue(reply.message().contains("no host named 'h9'"), reply.message());
  }

  @Test
  void aFloodOfOneSenderWaitsBehindItselfIsBoundedAndItsReadsRunOnce() throws Exception {
    Vertx fair = Vertx.vertx();
    try {
      java.util.concurrent.Semaphore allowed = new java.util.concurrent.Semaphore(0);
      java.util.List<String> ran = new java.util.concurrent.CopyOnWriteArrayList<>();
      await(new CommandConsumer(fair, "h2", command -> {
        allowed.acquireUninterruptibly();
        ran.add(command.verb().name());
        return new io.weft.common.command.Result() {
          @Override
          public JsonObject toJson() {
            return new JsonObject();
          }

          @Override
          public String text() {
            return "";
          }
        };
      }, AgentMetrics.none()).register());
      io.vertx.core.eventbus.DeliveryOptions flood = new io.vertx.core.eventbus.DeliveryOptions()
          .addHeader(BusAddresses.ORIGIN_HEADER, "bridge:flood 1").setSendTimeout(30_000);
      io.vertx.core.eventbus.DeliveryOptions operator = new io.vertx.core.eventbus.DeliveryOptions()
          .addHeader(BusAddresses.ORIGIN_HEADER, "api:h2").setSendTimeout(30_000);
      JsonObject dnsArgs = new JsonObject().put("verb", "dns-args");
      java.util.List<Future<io.vertx.core.eventbus.Message<JsonObject>>> floods = new java.util.ArrayList<>();
      // the first runs (and holds), 32 wait, the rest are turned away at once
      for (int i = 0; i < 40; i++) {
        floods.add(fair.eventBus().request(BusAddresses.host("h2"), dnsArgs.copy()
            .put("verb", i == 0 ? "status" : "dns-args"), flood));
      }
      int busy = 0;
      for (int i = 33; i < 40; i++) {
        HostReply turnedAway = HostReply.fromJson(await(floods.get(i)).body());
        assertEquals(ErrorCode.BUSY, turnedAway.code(), turnedAway.message());
        busy++;
      }
      assertEquals(7, busy);
      Future<io.vertx.core.eventbus.Message<JsonObject>> mine = fair.eventBus().request(
          BusAddresses.host("h2"), new JsonObject().put("verb", "status"), operator);
      allowed.release(3); // the flood's status, the flood's turn (its 32 reads at once), the operator's
      assertTrue(HostReply.fromJson(await(mine).body()).ok());
      for (int i = 0; i < 33; i++) {
        assertTrue(HostReply.fromJson(await(floods.get(i)).body()).ok());
      }
      assertEquals(java.util.List.of("status", "dns-args", "status"), ran,
          "the operator's command waited one turn of the flood's; the 32 equal reads ran once");
    } finally {
      await(fair.close());
    }
  }

  private JsonObject request(Object body) throws Exception {
    return await(vertx.eventBus().<JsonObject>request(BusAddresses.host("h1"), body)).body();
  }

  private static void assertBadRequest(JsonObject reply, String text) {
    HostReply parsed = HostReply.fromJson(reply);
    assertFalse(parsed.ok());
    assertTrue(parsed.code() == ErrorCode.BAD_REQUEST || parsed.code() == ErrorCode.BAD_CIDR, parsed.code().name());
    assertTrue(parsed.message().contains(text), parsed.message());
  }

  private static <T> T await(Future<T> future) throws Exception {
    return future.toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
  }
}
