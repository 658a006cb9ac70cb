package io.weft.agent.plugin;

import io.vertx.core.json.JsonObject;
import io.weft.common.ErrorCode;
import io.weft.common.WeftException;

/** Reading the fields of Docker's plugin requests, with a clear error for one of the wrong kind. */
final class PluginRequests {

  private PluginRequests() {}

  /** The text field, null when absent. */
  static String text(JsonObject request, String field) {
    Object value = request.getValue(field);
    if (value == null || value instanceof String) {
      return (String) value;
    }
    throw wrongKind(field, "text");
  }

  /** The object field, empty when absent or null. */
  static JsonObject object(JsonObject request, String field) {
    Object value = request.getValue(field);
    if (value == null) {
      return new JsonObject();
    }
    if (value instanceof JsonObject object) {
      return object;
    }
    throw wrongKind(field, "an object");
  }

  /** A text field that must be there. */
  static String required(JsonObject request, String field) {
    String value = text(request, field);
    if (value == null || value.isBlank()) {
      throw new WeftException(ErrorCode.BAD_REQUEST, "the request has no " + field);
    }
    return value;
  }

  private static WeftException wrongKind(String field, String kind) {
    return new WeftException(ErrorCode.BAD_REQUEST, "the request's " + field + " is not " + kind);
  }
}
