package io.weft.agent.bus;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.weft.agent.alloc.AddressBook;
import io.weft.agent.command.HostCommands;
import io.weft.agent.metrics.AgentMetrics;
import io.weft.common.ErrorCode;
import io.weft.common.alloc.AddressRange;
import io.weft.common.bus.BusAddresses;
import io.weft.common.bus.HostReply;
import io.weft.common.client.WeftClient;
import io.weft.common.command.PsCommand;
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
    // No network or engine behind it: every well-formed command fails inside, on purpose.
    HostCommands broken = new HostCommands(null, null, AddressRange.DEFAULT, () -> "h1", AddressBook.KERNEL_ONLY);
    await(new CommandConsumer(vertx, "h1", broken, metrics).register());
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
    assertBadRequest(request(new JsonObject().put("verb", "attach").put("cidrs", "x")), "wrong type");
    assertBadRequest(request(new JsonObject().put("verb", "attach").put("cidrs", new io.vertx.core.json.JsonArray().add("10.32.1.500/12")).put("container", "c")), "not an IPv4 address");

    HostReply failedInside = HostReply.fromJson(request(new JsonObject().put("verb", "ps")));
    assertFalse(failedInside.ok());
    assertEquals(ErrorCode.INTERNAL, failedInside.code());
    assertEquals("h1", failedInside.host());

    assertBadRequest(request(new JsonObject()), "no \"verb\"");
    assertEquals(7.0, metrics.registry().find("weft.commands").timers().stream()
        .mapToDouble(t -> t.count()).sum());
  }

  @Test
  void theTypedClientNamesAHostThatIsNotThere() throws Exception {
    WeftClient client = new WeftClient(vertx.eventBus(), Duration.ofSeconds(2));
    HostReply reply = await(client.send("h9", new PsCommand()));
    assertEquals(ErrorCode.NO_SUCH_HOST, reply.code());
    assertEquals("h9", reply.host());
    assertTrue(reply.message().contains("no host named 'h9'"), reply.message());
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
