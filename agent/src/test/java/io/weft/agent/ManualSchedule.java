package io.weft.agent;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/** A schedule whose periods pass when the test says so. */
final class ManualSchedule implements Schedule {

  private record Task(Duration period, Runnable task) {}

  private final List<Task> tasks = new ArrayList<>();

  @Override
  public void every(Duration period, Runnable task) {
    tasks.add(new Task(period, task));
  }

  /** Runs every task whose period is {@code period}, once. */
  void pass(Duration period) {
    tasks.stream().filter(t -> t.period().equals(period)).toList().forEach(t -> t.task().run());
  }

  /** The periods scheduled, one per task. */
  List<Duration> periods() {
    return tasks.stream().map(Task::period).toList();
  }
}
