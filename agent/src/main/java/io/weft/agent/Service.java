package io.weft.agent;

/**
 * One named part of the running agent, with its own start and stop. {@link FleetAgent} starts
 * its services in order, each once the ones it needs are up, and stops them in the reverse
 * order: what started last stops first.
 */
interface Service {

  /** What the log and a failed start call it. */
  String name();

  /** Starts, and returns once the service does its job; throwing keeps the agent from starting. */
  void start() throws Exception;

  /** Undoes what {@link #start} began; called once, after the services started later stopped. */
  default void stop() {}
}
