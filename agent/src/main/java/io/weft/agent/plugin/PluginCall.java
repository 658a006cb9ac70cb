package io.weft.agent.plugin;

import io.vertx.core.json.JsonObject;

/**
 * One of the plugin protocol's calls, such as {@code /IpamDriver.RequestAddress}. It may block
 * (the kernel, the fleet): the server runs it off the event loop, within a bound. A refusal is
 * a {@link io.weft.common.WeftException}, which Docker shows as weft's one-line error.
 */
@FunctionalInterface
interface PluginCall {

  PluginAnswer answer(JsonObject request);
}
