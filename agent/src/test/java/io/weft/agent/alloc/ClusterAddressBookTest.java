package io.weft.agent.alloc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.weft.common.ErrorCode;
import io.weft.common.WeftException;
import io.weft.common.alloc.AddressRange;
import io.weft.common.net.Cidr;
import io.weft.common.net.Ipv4;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** The fleet's address record on a plain concurrent map, as every agent shares it. */
class ClusterAddressBookTest {

  private final ConcurrentHashMap<String, String> map = new ConcurrentHashMap<>();
  private final AtomicInteger allocations = new AtomicInteger();
  private final ClusterAddressBook book = new ClusterAddressBook(map, allocations::incrementAndGet);
  private final Owner web = new Owner("host1", "web");
  private final Owner db = new Owner("host2", "db");

  @Test
  void aClaimIsAllOrNothing() {
    book.claim(List.of(cidr("10.32.0.5/12")), db);
    WeftException e = assertThrows(WeftException.class,
        () -> book.claim(List.of(cidr("10.32.0.4/12"), cidr("10.32.0.5/12"), cidr("10.32.0.6/12")), web));
    assertEquals(ErrorCode.ADDRESS_IN_USE, e.code());
    assertEquals(Set.of("10.32.0.5"), map.keySet());
  }

  @Test
  void aClaimReturnsOnlyWhatItRecordedNow() {
    assertEquals(List.of(cidr("10.32.0.4/12")), book.claim(List.of(cidr("10.32.0.4/12")), web));
    assertEquals(List.of(cidr("10.32.0.6/12")),
        book.claim(List.of(cidr("10.32.0.4/12"), cidr("10.32.0.6/12")), web));
  }

  @Test
  void allocationSkipsEveryHeldAddressAndCountsItself() {
    book.claim(List.of(cidr("10.32.0.1/12"), cidr("10.32.0.2/12")), db);
    assertEquals(cidr("10.32.0.3/12"), book.allocate(AddressRange.DEFAULT, web));
    assertEquals(1, allocations.get());
    assertEquals(List.of(cidr("10.32.0.3/12")), book.heldBy(web));
  }

  @Test
  void hostsAllocatingAtOnceNeverGetOneAddressTwice() throws Exception {
    ExecutorService pool = Executors.newFixedThreadPool(4);
    try {
      List<Future<Cidr>> given = new ArrayList<>();
      for (int i = 0; i < 200; i++) {
        Owner owner = new Owner("host" + (i % 4), "c" + i);
        given.add(pool.submit(() -> book.allocate(AddressRange.DEFAULT, owner)));
      }
      Set<Ipv4> distinct = new HashSet<>();
      for (Future<Cidr> f : given) {
        assertTrue(distinct.add(f.get().address()), "handed out twice: " + f.get());
      }
      assertEquals(200, map.size());
    } finally {
      pool.shutdownNow();
    }
  }

  @Test
  void describeRecordsTheMacOnlyForTheOwner() {
    book.claim(List.of(cidr("10.32.0.5/12")), db);
    book.describe(List.of(cidr("10.32.0.5/12"), cidr("10.32.0.6/12")), web, "02:00:00:00:00:01");
    List<Endpoint> endpoints = book.endpoints();
    assertEquals(List.of(new Endpoint(Ipv4.parse("10.32.0.6"), "host1", "02:00:00:00:00:01")), endpoints);
    book.describe(List.of(cidr("10.32.0.6/12")), web, "02:00:00:00:00:02");
    assertEquals("02:00:00:00:00:02", book.endpoints().get(0).mac());
  }

  @Test
  void releasesForgetOnlyWhatTheOwnerOrHostHolds() {
    book.claim(List.of(cidr("10.32.0.5/12")), db);
    book.claim(List.of(cidr("10.32.0.6/12"), cidr("10.32.0.7/12")), web);
    book.release(List.of(cidr("10.32.0.5/12"), cidr("10.32.0.6/12")), web);
    assertEquals(Set.of("10.32.0.5", "10.32.0.7"), map.keySet());
    book.releaseHost("host1");
    assertEquals(Set.of("10.32.0.5"), map.keySet());
    book.releaseAll(db);
    assertTrue(map.isEmpty());
  }

  private static Cidr cidr(String text) {
    return Cidr.parse(text);
  }
}
