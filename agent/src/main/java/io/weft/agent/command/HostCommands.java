package io.weft.agent.command;

import io.weft.common.bus.FleetEvent;
import io.weft.common.bus.FleetEvents;

import io.weft.common.ErrorCode;
import io.weft.common.WeftException;
import io.weft.common.command.Attach;
import io.weft.common.command.Command;
import io.weft.common.command.Detach;
import io.weft.common.command.DnsAdd;
import io.weft.common.command.DnsArgs;
import io.weft.common.command.DnsLookup;
import io.weft.common.command.DnsRemove;
import io.weft.common.command.Expose;
import io.weft.common.command.Hide;
import io.weft.common.command.Ps;
import io.weft.common.command.RemovePeer;
import io.weft.common.command.Reset;
import io.weft.common.command.Result;
import io.weft.common.command.Status;
import io.weft.common.command.Verb;
import io.weft.common.net.Cidr;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * Carries out every command on this host, whatever brought it (the event bus, the agent's API,
 * {@code --local}, a container that started again): each verb's handler is registered here,
 * once, by its command's type. One command that changes the network at a time: a restarted
 * container's reattach and a {@code weft start} of it must not interleave, or one's rollback could
 * undo the other's work; ps and status only look, beside them.
 * The handlers work through the seams of {@link HostContext}, so they run against fakes in tests.
 */
public final class HostCommands {

  /**
   * The verbs that only report, run without the lock: ps asks Docker about each container, and
   * Docker holds a container's lock while it calls the network plugin for it (its start, its exit),
   * so a ps holding this lock waited on Docker while Docker's plugin call waited on the lock, until
   * the plugin's bound (10 s). dns-args is a read that may expose the bridge first: it keeps the lock.
   */
  private static final Set<String> REPORTS = Set.of(Ps.VERB.name(), Status.VERB.name());
  private final Map<String, Function<Command<?>, Result>> handlers = new LinkedHashMap<>();
  /** Fair: Docker's plugin calls waiting on it are not passed over by a stream of commands. */
  private final ReentrantLock lock = new ReentrantLock(true);
  private final ContainerVerbs containers;
  private final List<Consumer<String>> containerChanges = new CopyOnWriteArrayList<>();
  private final String host;
  private final FleetEvents events;

  public HostCommands(HostContext host) {
    this(host, FleetEvents.NONE);
  }

  /** @param events told of each container attached, detached and re-attached here */
  public HostCommands(HostContext host, FleetEvents events) {
    this.host = host.host();
    this.events = events;
    AddressClaims claims = new AddressClaims(host.book(), host.range(), host.underlays());
    containers = new ContainerVerbs(host, claims);
    BridgeVerbs bridge = new BridgeVerbs(host, claims);
    HostReports reports = new HostReports(host);
    on(Attach.VERB, Attach.class, containers::attach);
    on(Detach.VERB, Detach.class, containers::detach);
    on(Expose.VERB, Expose.class, bridge::expose);
    on(Hide.VERB, Hide.class, bridge::hide);
    on(Ps.VERB, Ps.class, reports::ps);
    on(Status.VERB, Status.class, reports::status);
    on(Reset.VERB, Reset.class, bridge::reset);
    on(RemovePeer.VERB, RemovePeer.class, new FleetVerbs(host)::removePeer);
    DnsVerbs dns = new DnsVerbs(host, bridge);
    on(DnsAdd.VERB, DnsAdd.class, dns::add);
    on(DnsRemove.VERB, DnsRemove.class, dns::remove);
    on(DnsLookup.VERB, DnsLookup.class, dns::lookup);
    on(DnsArgs.VERB, DnsArgs.class, dns::args);
  }

  /** Carries out {@code command}; its coded failure is thrown as a {@link WeftException}. */
  public Result execute(Command<?> command) {
    Function<Command<?>, Result> handler = handlers.get(command.verb().name());
    if (handler == null) {
      throw new WeftException(ErrorCode.BAD_REQUEST, "unknown command " + command.verb().name());
    }
    if (REPORTS.contains(command.verb().name())) {
      return handler.apply(command);
    }
    Result result;
    lock.lock();
    try {
      result = handler.apply(command);
      tellChanged(result);
    } finally {
      lock.unlock();
    }
    tell(result);
    return result;
  }

  private void tell(Result result) {
    if (result instanceof Attach.Reply attached && !attached.added().isEmpty()) {
      events.publish(FleetEvent.attached(host, attached.container(), attached.added()));
    } else if (result instanceof Detach.Reply detached && !detached.removed().isEmpty()) {
      events.publish(FleetEvent.detached(host, detached.container(), detached.removed()));
    }
  }

  /**
   * Tells {@code listener} of each container whose addresses a command may have changed, by id
   * (attach, detach, a started container's reattach), and with null after a reset (every one).
   * It is told with the commands held up: it must only hand the news on.
   */
  public void onContainerChange(Consumer<String> listener) {
    containerChanges.add(listener);
  }

  private void tellChanged(Result result) {
    String changed;
    if (result instanceof Attach.Reply attached) {
      changed = attached.container().id();
    } else if (result instanceof Detach.Reply detached) {
      changed = detached.container().id();
    } else if (result instanceof Reset.Reply) {
      changed = null;
    } else {
      return;
    }
    containerChanges.forEach(listener -> listener.accept(changed));
  }

  /**
   * Gives a container that started the addresses the record holds for it, when it lacks them: a
   * restarted container keeps its addresses. Returns what it got back.
   */
  public List<Cidr> reattach(String containerId) {
    List<Cidr> back;
    lock.lock();
    try {
      back = containers.reattach(containerId);
      containerChanges.forEach(listener -> listener.accept(containerId));
    } finally {
      lock.unlock();
    }
    if (!back.isEmpty()) {
      events.publish(FleetEvent.reattached(host, containerId, back));
    }
    return back;
  }

  /**
   * Runs {@code work} as if it were a command: no command changes this host's network meanwhile
   * (Docker's network plugin makes its interfaces this way).
   */
  public <T> T exclusively(java.util.function.Supplier<T> work) {
    lock.lock();
    try {
      return work.get();
    } finally {
      lock.unlock();
    }
  }

  /** Whether {@code thread} waits for the commands' lock (for tests of its fairness). */
  boolean isWaiting(Thread thread) {
    return lock.hasQueuedThread(thread);
  }

  /** The verbs this host carries out, by name. */
  public Set<String> verbs() {
    return handlers.keySet();
  }

  private <C extends Command<R>, R extends Result> void on(Verb<R> verb, Class<C> type,
      Function<C, R> handler) {
    handlers.put(verb.name(), command -> handler.apply(type.cast(command)));
  }
}
