package io.weft.agent.alloc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.weft.common.ErrorCode;
import io.weft.common.WeftException;
import io.weft.common.net.Cidr;
import io.weft.common.net.Ipv4;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Addresses for host1's containers, and claims on its blocks by others, with the fleet faked. */
class AllocationTest {

  private final OneBook book = new OneBook("host1").owning(0, 1);
  private final List<String> given = new ArrayList<>();
  private final BlockGifts gifts = new BlockGifts(book.state, book.publication, book.remote);
  private final Allocation allocation = new Allocation(book.state, book.publication, gifts,
      new Releases(book.state, book.publication, book.remote), book.remote, () -> given.add("one"));
  private final Owner web = new Owner("host1", "web");

  private static Cidr cidr(String text) {
    return Cidr.parse(text);
  }

  @Test
  void theLowestFreeAddressOfItsOwnBlocksIsTakenWithoutAskingAnyone() {
    assertEquals(cidr("10.40.0.1/24"), allocation.allocate(web));
    assertEquals(cidr("10.40.0.2/24"), allocation.allocate(new Owner("host1", "db")));
    assertEquals(List.of(), book.remote.calls);
    assertEquals(2, given.size(), "each allocation counted");
    assertEquals(web, book.record.ledger().get(Ipv4.parse("10.40.0.1")));
    assertTrue(book.addresses.containsKey("host1|web|10.40.0.1"), "the fleet is told");
  }

  @Test
  void anAddressAnotherHostHoldsInTheFleetsRecordIsNotTaken() {
    new FleetHoldings(book.addresses).put(new io.weft.common.alloc.Holding(cidr("10.40.0.1/24"), "host2", "x",
        java.time.Instant.now(), null));
    assertEquals(cidr("10.40.0.2/24"), allocation.allocate(web));
  }

  @Test
  void fullBlocksAskAReachableHostForSpace() {
    OneBook small = new OneBook("host1").owning(15);
    BlockGifts smallGifts = new BlockGifts(small.state, small.publication, small.remote);
    Allocation smallAllocation = new Allocation(small.state, small.publication, smallGifts,
        new Releases(small.state, small.publication, small.remote), small.remote, () -> { });
    for (int i = 0; i < 15; i++) { // .240 to .254: .255 is the range's broadcast
      smallAllocation.allocate(new Owner("host1", "c" + i));
    }
    small.other("host2", OneBook.FLEET, 1, 3, 4);
    small.live.add("host2");
    small.remote.answering.put("host2", new Answering(Map.of(4, 2)));
    Cidr next = smallAllocation.allocate(web);
    assertEquals(List.of("ask host2"), small.remote.calls);
    assertEquals(cidr("10.40.0.64/24"), next, "the lowest address of the block given");
  }

  @Test
  void anAddressOfItsOwnBlockIsClaimedHereAndRefusedWhenAnotherHoldsIt() {
    assertEquals(List.of(cidr("10.40.0.7/24")), allocation.claim(List.of(cidr("10.40.0.7/24")), web));
    assertEquals(List.of(), allocation.claim(List.of(cidr("10.40.0.7/24")), web), "held already");
    WeftException refused = assertThrows(WeftException.class,
        () -> allocation.claim(List.of(cidr("10.40.0.7/24")), new Owner("host1", "db")));
    assertEquals(ErrorCode.ADDRESS_IN_USE, refused.code());
  }

  @Test
  void aClaimIsAllOrNothing() {
    book.other("host2", OneBook.FLEET, 1, 5);
    assertThrows(WeftException.class, () -> allocation.claim(
        List.of(cidr("10.40.0.7/24"), cidr("10.40.0.81/24")), web));
    assertEquals(List.of(), allocation.heldBy(web), "the first was given back");
    assertEquals(null, book.record.ledger().get(Ipv4.parse("10.40.0.7")));
  }

  @Test
  void anAddressOfAnotherHostsBlockIsClaimedThroughItAndRefusedWhileItIsAway() {
    book.other("host2", OneBook.FLEET, 1, 5);
    WeftException away = assertThrows(WeftException.class,
        () -> allocation.claim(List.of(cidr("10.40.0.81/24")), web));
    assertEquals(ErrorCode.OWNER_UNREACHABLE, away.code());
    assertTrue(away.getMessage().contains("host2's, which is not reachable now"), away.getMessage());
    book.live.add("host2");
    List<String> claimedThere = new ArrayList<>();
    book.remote.answering.put("host2", new Answering(Map.of()) {
      @Override
      public void claim(String blockOwner, Ipv4 address, Owner holder) {
        claimedThere.add(address + " " + holder);
      }
    });
    assertEquals(List.of(cidr("10.40.0.81/24")), allocation.claim(List.of(cidr("10.40.0.81/24")), web));
    assertEquals(List.of("10.40.0.81 " + web), claimedThere);
  }

  @Test
  void anAddressOutsideTheRangeIsRefusedWhenTheFleetsRecordShowsItHeld() {
    allocation.claim(List.of(cidr("192.168.7.7/24")), web);
    OneBook other = new OneBook("host2");
    other.addresses.putAll(book.addresses);
    Allocation there = new Allocation(other.state, other.publication,
        new BlockGifts(other.state, other.publication, other.remote),
        new Releases(other.state, other.publication, other.remote), other.remote, () -> { });
    assertEquals(ErrorCode.ADDRESS_IN_USE, assertThrows(WeftException.class,
        () -> there.claim(List.of(cidr("192.168.7.7/24")), new Owner("host2", "db"))).code());
  }

  @Test
  void anotherHostsClaimOnThisHostsBlockIsRecordedAndAGuessIsRefused() {
    allocation.claimFor(Ipv4.parse("10.40.0.9"), new Owner("host2", "db"));
    assertEquals(new Owner("host2", "db"), book.record.ledger().get(Ipv4.parse("10.40.0.9")));
    assertEquals(ErrorCode.ADDRESS_IN_USE, assertThrows(WeftException.class,
        () -> allocation.claimFor(Ipv4.parse("10.40.0.9"), new Owner("host3", "x"))).code());
    assertEquals(ErrorCode.BAD_REQUEST, assertThrows(WeftException.class,
        () -> allocation.claimFor(Ipv4.parse("10.40.0.99"), new Owner("host3", "x"))).code(),
        "not a block of this host's");
    assertEquals(ErrorCode.ADDRESS_IN_USE, assertThrows(WeftException.class,
        () -> allocation.claim(List.of(cidr("10.40.0.9/24")), web)).code());
  }

  @Test
  void aMacFoundInTheKernelIsRecordedWithTheAddressAndKeepsItsSince() {
    allocation.describe(List.of(cidr("10.40.0.3/24")), web, "02:00:00:00:00:03");
    assertEquals(web, book.record.ledger().get(Ipv4.parse("10.40.0.3")), "found in the kernel: claimed");
    assertEquals(java.util.Optional.of("02:00:00:00:00:03"), allocation.macOf(web));
    HostRecord.Held before = book.record.heldBy("web").get(Ipv4.parse("10.40.0.3"));
    allocation.describe(List.of(cidr("10.40.0.3/24")), web, "02:00:00:00:00:04");
    assertEquals(before.since(), book.record.heldBy("web").get(Ipv4.parse("10.40.0.3")).since());
  }

  @Test
  void aDockerNetworksAddressComesFromItsSubnetAndCarriesItsPrefix() {
    assertEquals(cidr("10.40.0.17/28"), allocation.allocateWithin(cidr("10.40.0.16/28"), web));
  }

  @Test
  void anAllocationThatLeavesLittleRoomSaysSoAndOneThatLeavesEnoughDoesNot() {
    OneBook small = new OneBook("host1").owning(15); // fifteen usable: .240 to .254
    Allocation smallAllocation = new Allocation(small.state, small.publication,
        new BlockGifts(small.state, small.publication, small.remote),
        new Releases(small.state, small.publication, small.remote), small.remote, () -> { });
    List<Integer> lowAfter = new ArrayList<>();
    int[] count = {0};
    smallAllocation.onLowRoom(() -> lowAfter.add(count[0]));
    for (int i = 1; i <= 13; i++) {
      count[0] = i;
      smallAllocation.allocate(new Owner("host1", "c" + i));
    }
    assertEquals(List.of(12, 13), lowAfter, "from the twelfth on, fewer than four are left");
  }

  /** Another host, answering as the test says. */
  static class Answering implements RemoteBlocks {
    private final Map<Integer, Integer> gift;

    Answering(Map<Integer, Integer> gift) {
      this.gift = gift;
    }

    @Override
    public Map<Integer, Integer> askForSpace(String donor, String me) {
      return gift;
    }

    @Override
    public void claim(String blockOwner, Ipv4 address, Owner holder) {}

    @Override
    public void release(String blockOwner, Ipv4 address, Owner holder) {}
  }
}
