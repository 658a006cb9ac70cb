package io.weft.agent.bridge;

import io.vertx.core.json.JsonObject;
import io.weft.common.bus.BusAddresses;
import io.weft.common.command.Verbs;
import java.util.regex.Pattern;

/**
 * What a bridge client may do, decided per frame: send commands to hosts ({@code
 * weft.host.NAME}) and questions to the fleet ({@code weft.fleet}), and subscribe to {@code
 * weft.events}; a read-only client only the verbs that change nothing. Nothing else: no publish,
 * no other address (weft's agent-to-agent addresses included).
 */
public final class BridgePolicy {

  private static final Pattern HOST = Pattern.compile(Pattern.quote(BusAddresses.HOST_PREFIX) + "[^.]+");

  private BridgePolicy() {}

  /**
   * Why {@code client} may not send this frame, or null when it may.
   *
   * @param type the frame's type: send, publish, register, unregister, ping
   */
  public static String refusal(BridgeClient client, String type, String address, Object body) {
    switch (type) {
      case "ping":
        return null;
      case "register", "unregister":
        return BusAddresses.EVENTS.equals(address) ? null
            : "only " + BusAddresses.EVENTS + " can be subscribed to";
      case "send":
        break;
      default:
        return "a bridge client may not " + type;
    }
    if (BusAddresses.FLEET.equals(address)) {
      return null;
    }
    if (address == null || !HOST.matcher(address).matches()) {
      return "no such address for a bridge client: " + shorten(address) + " ("
          + BusAddresses.HOST_PREFIX + "NAME and " + BusAddresses.FLEET + " only)";
    }
    if (!client.readOnly()) {
      return null;
    }
    String verb = body instanceof JsonObject json && json.getValue("verb") instanceof String v ? v : null;
    return verb != null && Verbs.reads(verb) ? null
        : "the credential " + client.name() + " is read-only: it may send "
            + String.join(", ", Verbs.READS.stream().map(v -> v.name()).toList()) + ", not "
            + (verb == null ? "that" : shorten(verb));
  }

  private static String shorten(String text) {
    return text == null || text.length() <= 60 ? text : text.substring(0, 60) + "...";
  }
}
