package io.weft.agent.bus;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class CommandQueueTest {

  @Test
  void sendersTakeTurnsWhateverTheyQueued() {
    CommandQueue<String> queue = new CommandQueue<>(32, 1024);
    for (int i = 0; i < 10; i++) {
      assertNull(queue.offer("flood", "f" + i));
    }
    assertNull(queue.offer("operator", "o0"));
    assertNull(queue.offer("fleet", "m0"));
    List<String> order = new ArrayList<>();
    queue.next().ifPresent(order::add);
    queue.next().ifPresent(order::add);
    queue.next().ifPresent(order::add);
    queue.next().ifPresent(order::add);
    assertEquals(List.of("f0", "o0", "m0", "f1"), order);
    assertEquals(8, queue.size());
  }

  @Test
  void eachSenderAndAllTogetherAreBounded() {
    CommandQueue<String> queue = new CommandQueue<>(3, 5);
    for (int i = 0; i < 3; i++) {
      assertNull(queue.offer("a", "a" + i));
    }
    String full = queue.offer("a", "a3");
    assertNotNull(full);
    assertTrue(full.contains("3 commands of this sender"), full);
    assertNull(queue.offer("b", "b0"));
    assertNull(queue.offer("c", "c0"));
    assertTrue(queue.offer("d", "d0").contains("5 commands waiting"));
    queue.next();
    assertNull(queue.offer("d", "d0"), "room again once one ran");
  }

  @Test
  void equalCommandsAreTakenOutWhoeverSentThem() {
    CommandQueue<String> queue = new CommandQueue<>(32, 1024);
    queue.offer("a", "ps");
    queue.offer("a", "attach");
    queue.offer("b", "ps");
    queue.offer("c", "ps");
    assertEquals(List.of("ps", "ps", "ps"), queue.takeAll("ps"::equals));
    assertEquals(1, queue.size());
    assertEquals("attach", queue.next().orElseThrow());
    assertTrue(queue.next().isEmpty());
  }
}
