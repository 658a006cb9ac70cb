package io.weft.agent;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class ServiceStackTest {

  private final List<String> said = new ArrayList<>();
  private final ServiceStack stack = new ServiceStack();

  /** A service that says when it starts and stops, and fails to start or stop when told to. */
  private final class Told implements Service {
    private final String name;
    private final boolean failsToStart;
    private final boolean failsToStop;

    Told(String name, boolean failsToStart, boolean failsToStop) {
      this.name = name;
      this.failsToStart = failsToStart;
      this.failsToStop = failsToStop;
    }

    Told(String name) {
      this(name, false, false);
    }

    @Override
    public String name() {
      return name;
    }

    @Override
    public void start() throws Exception {
      said.add("start " + name);
      if (failsToStart) {
        throw new Exception(name + " refused");
      }
    }

    @Override
    public void stop() {
      said.add("stop " + name);
      if (failsToStop) {
        throw new IllegalStateException(name + " is stuck");
      }
    }
  }

  @Test
  void servicesStopInTheReverseOrderOfTheirStart() throws Exception {
    stack.start(new Told("timer"));
    stack.start(new Told("cluster"));
    stack.start(new Told("overlay"));
    stack.stop();
    assertEquals(List.of("start timer", "start cluster", "start overlay",
        "stop overlay", "stop cluster", "stop timer"), said);
  }

  @Test
  void startGivesTheServiceBackStarted() throws Exception {
    Told overlay = new Told("overlay");
    assertSame(overlay, stack.start(overlay));
    assertEquals(List.of("start overlay"), said);
  }

  @Test
  void aFailedStartStopsWhatStartedBeforeItAndNotItself() throws Exception {
    stack.start(new Told("timer"));
    stack.start(new Told("cluster"));
    Exception refused = assertThrows(Exception.class, () -> stack.start(new Told("bus", true, false)));
    assertEquals("bus refused", refused.getMessage());
    assertEquals(List.of("start timer", "start cluster", "start bus", "stop cluster", "stop timer"), said);
  }

  @Test
  void aServiceThatFailsToStopDoesNotKeepTheOthersUp() throws Exception {
    stack.start(new Told("timer"));
    stack.start(new Told("plugin", false, true));
    stack.start(new Told("dns"));
    stack.stop();
    assertEquals(List.of("start timer", "start plugin", "start dns", "stop dns", "stop plugin", "stop timer"), said);
  }

  @Test
  void eachServiceStopsOnceThoughStopIsCalledAgain() throws Exception {
    stack.start(new Told("timer"));
    stack.stop();
    stack.stop();
    assertEquals(List.of("start timer", "stop timer"), said);
  }
}
