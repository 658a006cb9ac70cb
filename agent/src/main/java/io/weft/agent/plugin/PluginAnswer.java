package io.weft.agent.plugin;

import io.vertx.core.json.JsonObject;

/**
 * What a plugin call answers Docker, and how to take back what it did when the answer comes too
 * late for Docker to hear it: a late address is released, a late interface removed.
 *
 * @param body the JSON Docker gets
 * @param undo what takes the call's work back
 */
record PluginAnswer(JsonObject body, Runnable undo) {

  static PluginAnswer of(JsonObject body) {
    return new PluginAnswer(body, () -> { });
  }

  static PluginAnswer empty() {
    return of(new JsonObject());
  }
}
