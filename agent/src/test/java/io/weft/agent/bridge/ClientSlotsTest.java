package io.weft.agent.bridge;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;

import org.junit.jupiter.api.Test;

/** The bridge's slots: free ones to anyone; when full, the largest holder gives way, never an equal. */
class ClientSlotsTest {

  @Test
  void oneCredentialMayTakeEveryFreeSlotAndGivesItsOldestToAnotherWhenFull() {
    ClientSlots<String> slots = new ClientSlots<>(4);
    for (int i = 0; i < 4; i++) {
      assertInstanceOf(ClientSlots.Admission.Admit.class, slots.admit("greedy", "g" + i));
    }
    ClientSlots.Admission<String> other = slots.admit("modest", "m0");
    assertEquals(new ClientSlots.Admission.Evict<>("g0"), other);
    assertEquals(3, slots.heldBy("greedy"));
    assertEquals(new ClientSlots.Admission.Evict<>("g1"), slots.admit("modest", "m1"));
    // two each now: neither takes the other's place
    assertInstanceOf(ClientSlots.Admission.Refuse.class, slots.admit("modest", "m2"));
    assertInstanceOf(ClientSlots.Admission.Refuse.class, slots.admit("greedy", "g4"));
    assertEquals(4, slots.taken());
  }

  @Test
  void aClosedConnectionFreesItsSlotOnce() {
    ClientSlots<String> slots = new ClientSlots<>(2);
    slots.admit("a", "a0");
    slots.admit("a", "a1");
    slots.release("a", "a0");
    slots.release("a", "a0");
    assertEquals(1, slots.taken());
    assertInstanceOf(ClientSlots.Admission.Admit.class, slots.admit("b", "b0"));
  }
}
