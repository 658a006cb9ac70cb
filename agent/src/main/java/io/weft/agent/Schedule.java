package io.weft.agent;

import java.time.Duration;

/**
 * The one way the agent's services do work again and again: each task runs every period,
 * first one period after it was scheduled, until the agent stops. A task must only hand its
 * work off to its service's own thread; one that fails runs again at its next turn.
 */
interface Schedule {

  void every(Duration period, Runnable task);
}
