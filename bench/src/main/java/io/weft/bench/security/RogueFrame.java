package io.weft.bench.security;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.nio.charset.StandardCharsets;

/**
 * A frame of Vert.x's clustered event bus (wire protocol 2, as {@code ClusteredMessage} writes
 * it), built by hand as an outsider would: a JSON command sent to a host's address. {@code
 * RogueFrameTest} checks that an event bus without TLS delivers it, so that the agents' refusing
 * it means something.
 */
public final class RogueFrame {

  private static final byte WIRE_PROTOCOL = 2;
  private static final byte JSON_OBJECT_CODEC = 13;

  private RogueFrame() {}

  /** {@code {"verb": "expose", "cidrs": [cidr]}} for host {@code name}, as a send (no reply). */
  public static byte[] expose(String name, String cidr) {
    return frame("weft.host." + name,
        new JsonObject().put("verb", "expose").put("cidrs", new JsonArray().add(cidr)));
  }

  static byte[] frame(String address, JsonObject body) {
    Buffer b = Buffer.buffer();
    b.appendInt(0);
    b.appendByte(WIRE_PROTOCOL).appendByte(JSON_OBJECT_CODEC).appendByte((byte) 0); // a send
    string(b, address);
    b.appendInt(0); // no reply address
    string(b, "mallory");
    b.appendInt(4); // no headers
    Buffer json = body.toBuffer();
    b.appendInt(json.length()).appendBuffer(json);
    b.setInt(0, b.length() - 4);
    return b.getBytes();
  }

  private static void string(Buffer b, String s) {
    byte[] bytes = s.getBytes(StandardCharsets.UTF_8);
    b.appendInt(bytes.length).appendBytes(bytes);
  }
}
