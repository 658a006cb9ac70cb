package io.weft.common.bus;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.weft.common.ErrorCode;
import io.weft.common.WeftException;
import io.weft.common.command.Command;
import io.weft.common.command.Result;
import java.util.ArrayList;
import java.util.List;

/**
 * One host's answer to a command: {@code {"host": H, "ok": true, "result": {...}}} or
 * {@code {"host": H, "ok": false, "error": {"code": "BAD_CIDR", "message": "..."}}}.
 */
public record HostReply(String host, JsonObject result, ErrorCode code, String message) {

  public static HostReply ok(String host, JsonObject result) {
    return new HostReply(host, result, null, null);
  }

  public static HostReply failed(String host, ErrorCode code, String message) {
    return new HostReply(host, null, code, message);
  }

  public static HostReply failed(String host, WeftException e) {
    return failed(host, e.code(), e.getMessage());
  }

  public boolean ok() {
    return code == null;
  }

  /** The result typed as {@code command}'s verb gives it; the host's error, thrown, when it failed. */
  public <R extends Result> R result(Command<R> command) {
    if (!ok()) {
      throw new WeftException(code, message);
    }
    return command.verb().resultFromJson().apply(result);
  }

  public JsonObject toJson() {
    JsonObject json = new JsonObject().put("host", host).put("ok", ok());
    if (ok()) {
      json.put("result", result);
    } else {
      json.put("error", new JsonObject().put("code", code.name()).put("message", message));
    }
    return json;
  }

  public static HostReply fromJson(JsonObject json) {
    String host = json.getString("host");
    if (json.getBoolean("ok", false)) {
      return ok(host, json.getJsonObject("result", new JsonObject()));
    }
    JsonObject error = json.getJsonObject("error", new JsonObject());
    return failed(host, codeOf(error), error.getString("message", "no message"));
  }

  /**
   * The replies of an answer to a command request ({@code {"replies": [...]}}); an answer that
   * is a request-level error ({@code {"error": {...}}}) is thrown as it is.
   */
  public static List<HostReply> allOf(JsonObject answer) {
    JsonObject error = answer.getJsonObject("error");
    if (error != null) {
      throw new WeftException(codeOf(error), error.getString("message", "no message"));
    }
    List<HostReply> replies = new ArrayList<>();
    for (Object reply : answer.getJsonArray("replies", new JsonArray())) {
      replies.add(fromJson((JsonObject) reply));
    }
    return replies;
  }

  private static ErrorCode codeOf(JsonObject error) {
    try {
      return ErrorCode.valueOf(error.getString("code", "INTERNAL"));
    } catch (IllegalArgumentException unknown) {
      return ErrorCode.INTERNAL;
    }
  }
}
