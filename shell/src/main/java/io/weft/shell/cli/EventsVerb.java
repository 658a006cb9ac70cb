package io.weft.shell.cli;

import io.weft.docker.agent.AgentEvents;
import io.weft.shell.text.EventLines;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code weft events}: the fleet's events, live. */
@Command(name = "events", mixinStandardHelpOptions = true,
    description = "Print the fleet's events as they happen (peers joining, leaving and found "
        + "dead; containers attached, detached and re-attached; address blocks taken and given; "
        + "address conflicts and how they were resolved), as the agent on the host DOCKER_HOST "
        + "names hears them, until interrupted. --host NAME keeps the events about those hosts.")
final class EventsVerb implements Callable<Integer> {

  @CommandLine.ParentCommand WeftCommand weft;

  @Option(names = "--json", description = "one JSON object a line (docs/event-bus.md)")
  boolean json;

  @Option(names = "--for", paramLabel = "SECONDS", description = "stop after this long")
  Double seconds;

  @Override
  public Integer call() throws InterruptedException {
    EventLines lines = new EventLines(weft.target(), json, System.out,
        host -> System.err.println("weft: following the fleet's events through " + host + "'s agent"));
    String stderr = OnEngine.with(docker -> {
      try (AgentEvents events = AgentEvents.follow(docker, lines::print)) {
        if (events.awaitEnd(seconds == null ? Long.MAX_VALUE : (long) (seconds * 1000))) {
          return events.stderr();
        }
        return null;
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return null;
      }
    });
    if (stderr != null) {
      throw AgentEvents.ended(stderr);
    }
    return 0;
  }
}
