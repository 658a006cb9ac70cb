package io.weft.agent.bus;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Predicate;

/**
 * The commands waiting for a host, shared fairly between those who sent them: each sender (its
 * origin: a bridge credential, an agent's API, a member of the fleet) has a queue of its own, at
 * most {@code perOrigin} long, and the queues take turns. So a sender that floods the host waits
 * behind itself: another's command waits at most one command of each sender, and no sender can
 * fill the host's memory. At most {@code total} wait in all. Not thread-safe: one event loop owns it.
 *
 * @param <T> a waiting command
 */
final class CommandQueue<T> {

  private final int perOrigin;
  private final int total;
  /** In turn order: the next to run is the first queue's first command. */
  private final LinkedHashMap<String, Deque<T>> queues = new LinkedHashMap<>();
  private int size;

  CommandQueue(int perOrigin, int total) {
    this.perOrigin = perOrigin;
    this.total = total;
  }

  /** Why {@code command} cannot wait, or null when it was queued. */
  String offer(String origin, T command) {
    Deque<T> mine = queues.get(origin);
    if (mine != null && mine.size() >= perOrigin) {
      return "this host has " + perOrigin + " commands of this sender waiting already";
    }
    if (size >= total) {
      return "this host has " + total + " commands waiting already";
    }
    queues.computeIfAbsent(origin, k -> new ArrayDeque<>()).addLast(command);
    size++;
    return null;
  }

  /** The next command, taking turns between senders; empty when none waits. */
  Optional<T> next() {
    Iterator<Map.Entry<String, Deque<T>>> first = queues.entrySet().iterator();
    if (!first.hasNext()) {
      return Optional.empty();
    }
    Map.Entry<String, Deque<T>> turn = first.next();
    first.remove();
    T command = turn.getValue().pollFirst();
    size--;
    if (!turn.getValue().isEmpty()) {
      queues.put(turn.getKey(), turn.getValue()); // to the back of the turns
    }
    return Optional.of(command);
  }

  /** Takes out every waiting command {@code same} accepts, whoever sent it. */
  List<T> takeAll(Predicate<T> same) {
    List<T> taken = new ArrayList<>();
    for (Iterator<Deque<T>> it = queues.values().iterator(); it.hasNext(); ) {
      Deque<T> queue = it.next();
      for (Iterator<T> waiting = queue.iterator(); waiting.hasNext(); ) {
        T command = waiting.next();
        if (same.test(command)) {
          taken.add(command);
          waiting.remove();
          size--;
        }
      }
      if (queue.isEmpty()) {
        it.remove();
      }
    }
    return taken;
  }

  int size() {
    return size;
  }
}
