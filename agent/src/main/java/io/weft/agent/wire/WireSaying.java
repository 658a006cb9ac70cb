package io.weft.agent.wire;

import io.vertx.core.json.JsonObject;
import java.time.Duration;

/**
 * A host's wire entry as its agent says it on the bus, with when it will say it next. A host whose
 * pairs are all direct and heard says it seldom, and its silence then means nothing until that
 * much later ({@link Silence}); the fleet at rest is not a bus message a second from every host to
 * every other. An agent before this field said its entry every second: a saying without it is
 * taken so.
 *
 * @param again how long until the host says its entry again, at the latest
 */
public record WireSaying(WireRecord entry, Duration again) {

  /** What a saying without the field means: the agents that left it out said every second. */
  static final Duration EVERY_SECOND = Duration.ofSeconds(1);
  /** The longest wait a saying may announce: a peer's silence is judged no later than four of these. */
  static final Duration LONGEST = Duration.ofSeconds(60);

  public WireSaying {
    if (again.compareTo(EVERY_SECOND) < 0 || again.compareTo(LONGEST) > 0) {
      throw new IllegalArgumentException("a saying's next is 1 to 60 s away, not " + again.toMillis() + " ms");
    }
  }

  public String encode() {
    return entry.toJson().put("again", again.toMillis()).encode();
  }

  /** The saying in {@code text}; an IllegalArgumentException when it does not read. */
  public static WireSaying parse(String text) {
    JsonObject json;
    try {
      json = new JsonObject(text);
    } catch (RuntimeException e) {
      throw new IllegalArgumentException("not a wire saying: " + e.getMessage(), e);
    }
    WireRecord entry = WireRecord.fromJson(json);
    Object again = json.getValue("again");
    if (again == null) {
      return new WireSaying(entry, EVERY_SECOND);
    }
    if (!(again instanceof Number millis)) {
      throw new IllegalArgumentException("a wire saying whose 'again' is not a number");
    }
    return new WireSaying(entry, Duration.ofMillis(millis.longValue()));
  }
}
