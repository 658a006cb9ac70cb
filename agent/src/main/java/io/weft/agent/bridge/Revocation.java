package io.weft.agent.bridge;

import io.vertx.core.json.JsonObject;
import java.time.Instant;

/**
 * One credential taken back: by its serial (that certificate alone), or by its name (every
 * certificate of that name made up to {@code at}: one made after, with the same name, is good).
 *
 * @param bySerial true for a serial, false for a name
 * @param value the serial (lowercase hex) or the name
 * @param at when it was revoked
 * @param by the host whose agent revoked it
 */
public record Revocation(boolean bySerial, String value, Instant at, String by) {

  /** Its key in the fleet's map: one entry per serial and per name. */
  public String key() {
    return (bySerial ? "serial:" : "name:") + value;
  }

  public JsonObject toJson() {
    return new JsonObject().put(bySerial ? "serial" : "name", value).put("at", at.toString()).put("by", by);
  }

  /** Reads an entry; a malformed one is thrown as an {@link IllegalArgumentException}. */
  public static Revocation fromJson(JsonObject json) {
    String serial = json.getString("serial");
    String name = json.getString("name");
    if ((serial == null) == (name == null)) {
      throw new IllegalArgumentException("a revocation names a serial or a name: " + json.encode());
    }
    return new Revocation(serial != null, serial != null ? serial : name,
        Instant.parse(json.getString("at")), json.getString("by", "?"));
  }

  /** Of two revocations of the same key, the one that reaches further: the later. */
  public Revocation laterOf(Revocation other) {
    return other != null && other.at.isAfter(at) ? other : this;
  }
}
