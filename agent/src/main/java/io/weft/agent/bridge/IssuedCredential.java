package io.weft.agent.bridge;

import io.vertx.core.json.JsonObject;
import java.time.Instant;

/**
 * One credential an agent signed, as {@code weft credentials --list} shows it: nothing secret
 * (the private key never reached the agent).
 *
 * @param serial the certificate's serial, lowercase hex
 * @param issuedBy the host whose agent signed it
 */
public record IssuedCredential(String serial, String name, boolean readOnly, Instant notBefore,
    Instant notAfter, String issuedBy, Instant issuedAt) {

  public JsonObject toJson() {
    return new JsonObject().put("serial", serial).put("name", name).put("readOnly", readOnly)
        .put("notBefore", notBefore.toString()).put("notAfter", notAfter.toString())
        .put("issuedBy", issuedBy).put("issuedAt", issuedAt.toString());
  }

  /** Reads an entry; a malformed one is thrown as an {@link IllegalArgumentException} or NPE. */
  public static IssuedCredential fromJson(JsonObject json) {
    return new IssuedCredential(require(json, "serial"), require(json, "name"),
        json.getBoolean("readOnly", true), Instant.parse(require(json, "notBefore")),
        Instant.parse(require(json, "notAfter")), json.getString("issuedBy", "?"),
        Instant.parse(require(json, "issuedAt")));
  }

  private static String require(JsonObject json, String field) {
    String value = json.getString(field);
    if (value == null) {
      throw new IllegalArgumentException("an issued credential without " + field + ": " + json.encode());
    }
    return value;
  }
}
