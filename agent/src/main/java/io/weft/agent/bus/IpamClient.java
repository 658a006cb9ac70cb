package io.weft.agent.bus;

import io.vertx.core.eventbus.DeliveryOptions;
import io.vertx.core.eventbus.EventBus;
import io.vertx.core.eventbus.ReplyException;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.weft.agent.alloc.Owner;
import io.weft.agent.alloc.RemoteBlocks;
import io.weft.common.ErrorCode;
import io.weft.common.WeftException;
import io.weft.common.bus.BusAddresses;
import io.weft.common.net.Ipv4;
import java.time.Duration;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * {@link RemoteBlocks} over the event bus, to the {@link IpamConsumer} of the host that owns the
 * blocks. Blocking, within a bound: called from a command's worker thread, never an event loop.
 */
public final class IpamClient implements RemoteBlocks {

  /** Longer than a round trip under load; shorter than a split takes to be noticed twice over. */
  private static final Duration BOUND = Duration.ofSeconds(3);

  private final EventBus bus;

  public IpamClient(EventBus bus) {
    this.bus = bus;
  }

  @Override
  public Map<Integer, Integer> askForSpace(String donor, String me) {
    JsonObject reply = ask(donor, new JsonObject().put("op", "give").put("from", me));
    Map<Integer, Integer> blocks = new TreeMap<>();
    for (Object item : reply.getJsonArray("blocks", new JsonArray())) {
      JsonArray block = (JsonArray) item;
      blocks.put(block.getInteger(0), block.getInteger(1));
    }
    return blocks;
  }

  @Override
  public void claim(String blockOwner, Ipv4 address, Owner holder) {
    ask(blockOwner, request("claim", address, holder));
  }

  @Override
  public void release(String blockOwner, Ipv4 address, Owner holder) {
    ask(blockOwner, request("release", address, holder));
  }

  private static JsonObject request(String op, Ipv4 address, Owner holder) {
    return new JsonObject().put("op", op).put("address", address.toString())
        .put("holder", new JsonObject().put("host", holder.host()).put("container", holder.container()));
  }

  private JsonObject ask(String host, JsonObject request) {
    JsonObject reply;
    try {
      reply = bus.<JsonObject>request(BusAddresses.ipam(host), request,
              new DeliveryOptions().setSendTimeout(BOUND.toMillis()))
          .toCompletionStage().toCompletableFuture().get(BOUND.toMillis() + 500, TimeUnit.MILLISECONDS).body();
    } catch (ExecutionException e) {
      String why = e.getCause() instanceof ReplyException r ? r.failureType().name().toLowerCase()
          : String.valueOf(e.getCause());
      throw new WeftException(ErrorCode.OWNER_UNREACHABLE, host + " did not answer (" + why + ")");
    } catch (TimeoutException e) {
      throw new WeftException(ErrorCode.OWNER_UNREACHABLE, host + " did not answer in time");
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new WeftException(ErrorCode.INTERNAL, "interrupted while asking " + host);
    }
    if (!reply.getBoolean("ok", false)) {
      ErrorCode code;
      try {
        code = ErrorCode.valueOf(reply.getString("code", "INTERNAL"));
      } catch (IllegalArgumentException unknown) {
        code = ErrorCode.INTERNAL;
      }
      throw new WeftException(code, reply.getString("message", host + " refused"));
    }
    return reply;
  }
}
