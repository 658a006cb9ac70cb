package io.weft.agent.bridge;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The bridge's connection slots, shared fairly between credentials: any credential may hold
 * every free slot, but when all are taken, a credential holding fewer than the largest holder
 * gets one, and that holder's oldest connection goes. So one credential (a leaked one, or a
 * runaway client) can fill the agent only until another needs a place, and two holders
 * settle at equal shares. Touched on one event loop only.
 *
 * @param <C> a connection
 */
final class ClientSlots<C> {

  /** What to do with a new connection. */
  sealed interface Admission<C> {
    /** Take it. */
    record Admit<C>() implements Admission<C> {}

    /** Take it, and close {@code evicted} (the largest holder's oldest) to make room. */
    record Evict<C>(C evicted) implements Admission<C> {}

    /** Refuse it: its credential holds a full share already. */
    record Refuse<C>(String why) implements Admission<C> {}
  }

  private final int slots;
  private final Map<String, Deque<C>> held = new HashMap<>();
  private int taken;

  ClientSlots(int slots) {
    this.slots = slots;
  }

  /** Decides on a new connection of {@code credential}; an admitted one is counted at once. */
  Admission<C> admit(String credential, C connection) {
    if (taken < slots) {
      add(credential, connection);
      return new Admission.Admit<>();
    }
    Optional<Map.Entry<String, Deque<C>>> largest = held.entrySet().stream()
        .max((a, b) -> Integer.compare(a.getValue().size(), b.getValue().size()));
    int mine = held.getOrDefault(credential, new ArrayDeque<>()).size();
    if (largest.isEmpty() || largest.get().getValue().size() <= mine + 1) {
      return new Admission.Refuse<>("this agent serves " + slots + " clients already, and this "
          + "credential holds " + mine + " of them; try another host");
    }
    C evicted = largest.get().getValue().peekFirst();
    release(largest.get().getKey(), evicted);
    add(credential, connection);
    return new Admission.Evict<>(evicted);
  }

  /** A connection closed (or was evicted); a no-op when it holds no slot. */
  void release(String credential, C connection) {
    Deque<C> mine = held.get(credential);
    if (mine != null && mine.remove(connection)) {
      taken--;
      if (mine.isEmpty()) {
        held.remove(credential);
      }
    }
  }

  int taken() {
    return taken;
  }

  /** Connections {@code credential} holds now. */
  int heldBy(String credential) {
    Deque<C> mine = held.get(credential);
    return mine == null ? 0 : mine.size();
  }

  private void add(String credential, C connection) {
    held.computeIfAbsent(credential, k -> new ArrayDeque<>()).addLast(connection);
    taken++;
  }
}
