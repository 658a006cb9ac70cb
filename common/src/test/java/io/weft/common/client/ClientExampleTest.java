package io.weft.common.client;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.weft.common.bus.BusAddresses;
import io.weft.common.bus.HostReply;
import io.weft.common.command.Attach;
import io.weft.common.command.ContainerView;
import io.weft.common.command.Ps;
import io.weft.common.command.Verbs;
import io.weft.common.net.Cidr;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** The typed client's example in docs/event-bus.md, against a stand-in host on a local bus. */
class ClientExampleTest {

  @Test
  void theDocumentedExampleRuns() throws Exception {
    Vertx vertx = Vertx.vertx();
    try {
      vertx.eventBus().<JsonObject>consumer(BusAddresses.host("host3"), message -> {
        Attach asked = (Attach) Verbs.fromJson(message.body());
        message.reply(HostReply.ok("host3", new Attach.Reply(new ContainerView("3f2a", asked.container(),
            "ethwe", asked.cidrs()), asked.cidrs(), 0.4).toJson()).toJson());
      }).completion().toCompletionStage().toCompletableFuture().get(5, TimeUnit.SECONDS);
      List<String> printed = new ArrayList<>();
      CompletableFuture<Void> done = new CompletableFuture<>();

      WeftClient weft = new WeftClient(vertx.eventBus());
      Attach attach = new Attach(List.of(Cidr.parse("10.32.1.5/12")), "web");
      weft.send("host3", attach)
          .onSuccess(reply -> printed.add(String.valueOf(reply.ok()
              ? reply.result(attach).container().addresses()  // typed: Attach.Reply
              : reply.code() + ": " + reply.message())))
          .onComplete(x -> done.complete(null));
      done.get(5, TimeUnit.SECONDS);
      assertEquals(List.of("[10.32.1.5/12]"), printed);

      HostReply none = weft.send("host9", new Ps()).toCompletionStage().toCompletableFuture()
          .get(5, TimeUnit.SECONDS);
      assertEquals("NO_SUCH_HOST", none.code().name());
    } finally {
      vertx.close().toCompletionStage().toCompletableFuture().get(5, TimeUnit.SECONDS);
    }
  }
}
