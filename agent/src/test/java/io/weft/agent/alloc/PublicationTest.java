package io.weft.agent.alloc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.weft.common.net.Cidr;
import java.time.Instant;
import java.util.Set;
import org.junit.jupiter.api.Test;

class PublicationTest {

  private final OneBook book = new OneBook("host1").owning(0);
  private final Owner web = new Owner("host1", "web");
  private final Cidr a = Cidr.parse("10.40.0.1/24");

  private void locked(Runnable work) {
    book.state.locked(work);
  }

  @Test
  void whatIsHeldHereIsHeldInTheFleetsRecord() {
    locked(() -> book.publication.hold(web, new HostRecord.Held(a, "02:00:00:00:00:01", Instant.now())));
    assertEquals(Set.of("host1|web|10.40.0.1"), book.addresses.keySet());
    assertTrue(book.record.heldBy("web").containsKey(a.address()));
  }

  @Test
  void aRepublishEntersEverythingAgainInACopyThatLostIt() {
    locked(() -> book.publication.hold(web, new HostRecord.Held(a, null, Instant.now())));
    book.addresses.clear();
    book.blocks.clear();
    locked(book.publication::all);
    assertEquals(Set.of("host1|web|10.40.0.1"), book.addresses.keySet());
    assertEquals(Set.of("host1"), book.blocks.keySet());
  }

  @Test
  void anEntryRemovedHereThatAMergeBroughtBackIsRemovedAgain() {
    locked(() -> book.publication.hold(web, new HostRecord.Held(a, null, Instant.now())));
    String key = "host1|web|10.40.0.1";
    String value = book.addresses.get(key);
    locked(() -> {
      book.record.drop("web", a.address());
      book.publication.forget("web", a.address());
    });
    assertFalse(book.addresses.containsKey(key));
    book.addresses.put(key, value); // the other side's copy, merged back
    locked(book.publication::all);
    assertFalse(book.addresses.containsKey(key));
  }

  @Test
  void anAddressHeldAgainAfterItWasGivenBackIsNotTakenForStale() {
    locked(() -> {
      book.publication.hold(web, new HostRecord.Held(a, null, Instant.now()));
      book.record.drop("web", a.address());
      book.publication.forget("web", a.address());
      book.publication.hold(web, new HostRecord.Held(a, null, Instant.now()));
      book.publication.all();
    });
    assertTrue(book.addresses.containsKey("host1|web|10.40.0.1"));
  }

  @Test
  void entriesOfThisHostItsRecordLacksAreDroppedAndOthersLeftAlone() {
    book.addresses.put("host1|ghost|10.40.0.9", "{\"prefix\":24,\"since\":\"2026-12-01T00:00:00Z\"}");
    book.addresses.put("host2|db|10.40.0.99", "{\"prefix\":24,\"since\":\"2026-12-01T00:00:00Z\"}");
    locked(book.publication::dropStale);
    assertEquals(Set.of("host2|db|10.40.0.99"), book.addresses.keySet());
  }
}
