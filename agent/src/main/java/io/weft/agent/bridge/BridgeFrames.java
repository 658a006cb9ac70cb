package io.weft.agent.bridge;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import io.weft.agent.stream.LengthPrefixedFrames;
import io.weft.agent.stream.LengthPrefixedFrames.Broken;
import java.nio.charset.StandardCharsets;
import java.util.Set;

/**
 * The bridge's wire, as Vert.x's TCP event-bus bridge defines it and its clients in many
 * languages speak it: each frame a 4-byte big-endian length, then that many bytes of a JSON
 * object. A client's frame is {@code {"type", "address", "replyAddress", "headers", "body"}};
 * the agent's are {@code message}, {@code err} and {@code pong} frames.
 *
 * <p>The reading side gathers a connection's bytes and hands on each whole frame, checked: a
 * length over the bound, a frame that is not a JSON object, one of an unknown type or with a
 * field no frame has ends the conversation, before more than the bound is ever held.
 */
final class BridgeFrames {

  /** What a client may send. */
  static final Set<String> TYPES = Set.of("send", "publish", "register", "unregister", "ping");
  /** Every field a client's frame may have. */
  static final Set<String> FIELDS = Set.of("type", "address", "replyAddress", "headers", "body");

  /** Over the wire each frame comes after its length in four bytes. */
  private static final int LENGTH_BYTES = 4;
  /** The shortest JSON object, {@code {}}. */
  private static final int MIN_FRAME = 2;

  private final LengthPrefixedFrames frames;

  /** @param maxFrame the longest frame a client may send, its length prefix left out */
  BridgeFrames(int maxFrame) {
    this.frames = new LengthPrefixedFrames(LENGTH_BYTES, MIN_FRAME, maxFrame);
  }

  /** Takes what arrived; {@link #next} then hands the whole frames out. */
  void received(Buffer bytes) {
    frames.received(bytes);
  }

  /** Bytes held that are not yet handed out: at most a frame and what came with it. */
  int held() {
    return frames.held();
  }

  /** The next whole frame, or null until more bytes come; {@link Broken} when the stream is bad. */
  JsonObject next() throws Broken {
    Buffer payload = frames.next();
    return payload == null ? null : check(payload);
  }

  private static JsonObject check(Buffer payload) throws Broken {
    JsonObject frame;
    try {
      frame = new JsonObject(payload);
    } catch (RuntimeException e) {
      throw new Broken("a frame that is not a JSON object");
    }
    if (!(frame.getValue("type") instanceof String type) || !TYPES.contains(type)) {
      throw new Broken("a frame of unknown type " + shorten(String.valueOf(frame.getValue("type"))));
    }
    for (String field : frame.fieldNames()) {
      if (!FIELDS.contains(field)) {
        throw new Broken("a frame with a field no frame has: " + shorten(field));
      }
    }
    for (String text : new String[] {"address", "replyAddress"}) {
      Object value = frame.getValue(text);
      if (value != null && !(value instanceof String)) {
        throw new Broken("a frame whose " + text + " is not a string");
      }
    }
    return frame;
  }

  private static String shorten(String text) {
    return text.length() <= 40 ? text : text.substring(0, 40) + "...";
  }

  /** One frame on the wire. */
  static Buffer encode(JsonObject frame) {
    return LengthPrefixedFrames.frame(LENGTH_BYTES, frame.encode().getBytes(StandardCharsets.UTF_8));
  }

  /** A message for the client: a reply ({@code send} true) or an event. */
  static JsonObject message(String address, String replyAddress, JsonObject headers, Object body, boolean send) {
    JsonObject frame = new JsonObject().put("type", "message").put("address", address);
    if (replyAddress != null) {
      frame.put("replyAddress", replyAddress);
    }
    return frame.put("headers", headers).put("body", body).put("send", send);
  }

  /** A failed request's answer, for the reply address it waits on. */
  static JsonObject failure(String replyAddress, String address, int code, String type, String message) {
    return new JsonObject().put("type", "err").put("address", replyAddress).put("sourceAddress", address)
        .put("failureCode", code).put("failureType", type).put("message", message);
  }

  /** An error about the connection or a frame without a reply address. */
  static JsonObject error(String message) {
    return new JsonObject().put("type", "err").put("message", message);
  }

  static JsonObject pong() {
    return new JsonObject().put("type", "pong");
  }
}
