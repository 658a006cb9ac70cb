package io.weft.shell.text;

import io.vertx.core.json.JsonObject;
import io.weft.common.bus.FleetEvent;
import io.weft.common.bus.Target;
import java.io.PrintStream;
import java.util.function.Consumer;

/**
 * The lines of {@code weft events}: each event as a line for people or as its JSON, those about
 * other hosts left out when a target names hosts. The stream's first line, which says it is live,
 * is not an event and is not shown.
 */
public final class EventLines {

  private final Target target;
  private final boolean json;
  private final PrintStream out;
  private final Consumer<String> live;

  public EventLines(Target target, boolean json, PrintStream out) {
    this(target, json, out, host -> {});
  }

  /** @param live told the agent's name when the stream is live (its first line) */
  public EventLines(Target target, boolean json, PrintStream out, Consumer<String> live) {
    this.target = target;
    this.json = json;
    this.out = out;
    this.live = live;
  }

  /** One line of the agent's stream. */
  public void print(String line) {
    JsonObject event;
    try {
      event = new JsonObject(line);
    } catch (RuntimeException e) {
      return; // not a line of the stream's: nothing to show
    }
    if (!event.containsKey("event")) {
      if (event.containsKey("subscribed")) {
        live.accept(event.getString("host"));
      }
      return;
    }
    if (!target.isSelf() && !target.all() && !target.names().contains(event.getString("host"))) {
      return;
    }
    if (json) {
      out.println(event.encode());
    } else {
      try {
        out.println(FleetEvent.fromJson(event).line());
      } catch (RuntimeException unknown) {
        out.println(event.encode()); // a kind this weft does not know yet: as it came
      }
    }
    out.flush();
  }
}
