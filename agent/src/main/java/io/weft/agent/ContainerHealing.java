package io.weft.agent;

import io.weft.agent.alloc.FleetAddressBook;
import io.weft.agent.command.HostCommands;
import io.weft.agent.events.AddressReconciler;
import io.weft.agent.host.HostKernel;
import io.weft.common.WeftException;
import io.weft.common.net.Cidr;
import io.weft.docker.engine.ContainerInfo;
import io.weft.docker.engine.Containers;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executor;
import java.util.logging.Logger;

/**
 * Containers getting their addresses back, one at a time on a thread of their own, off Docker's
 * event thread: each one that starts, and every running one at a reconcile, which also forgets
 * what removed containers held and records what the kernel has that the record lacks.
 */
final class ContainerHealing {

  private static final Logger LOG = Logger.getLogger(ContainerHealing.class.getName());

  private final HostCommands commands;
  private final FleetAddressBook book;
  private final HostKernel kernel;
  private final Containers containers;
  private final String host;
  private final Executor thread;

  ContainerHealing(HostCommands commands, FleetAddressBook book, HostKernel kernel, Containers containers,
      String host, Executor thread) {
    this.commands = commands;
    this.book = book;
    this.kernel = kernel;
    this.containers = containers;
    this.host = host;
    this.thread = thread;
  }

  /** A container started: it gets its addresses back, soon, on the healing thread. */
  void reattach(String containerId) {
    thread.execute(() -> reattachNow(containerId));
  }

  /** A whole reconcile, soon, on the healing thread. */
  void reconcile() {
    thread.execute(this::reconcileNow);
  }

  void reconcileNow() {
    try {
      AddressReconciler.releaseVanished(book, containers);
      Map<Integer, ContainerInfo> running = containers.runningByPid();
      // The kernel read and recorded under the command lock: a detach between the two (a
      // conflict's loser renumbered) would come back into the record, and be given back.
      commands.exclusively(() -> AddressReconciler.recordPresent(book, kernel, running, host));
      AddressReconciler.reattachRunning(containers, this::reattachNow);
    } catch (RuntimeException e) {
      LOG.warning("could not reconcile the address record with this host: " + e.getMessage());
    }
  }

  private void reattachNow(String containerId) {
    try {
      List<Cidr> back = commands.reattach(containerId);
      if (!back.isEmpty()) {
        LOG.info("container " + containerId.substring(0, 12) + " started again: gave it back " + back);
      }
    } catch (WeftException e) {
      LOG.warning("container " + containerId.substring(0, 12) + " started, but did not get its addresses back: "
          + e.getMessage());
    }
  }
}
