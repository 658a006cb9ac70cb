package io.weft.agent.alloc;

import io.weft.common.ErrorCode;
import io.weft.common.WeftException;
import io.weft.common.alloc.AddressRange;
import io.weft.common.alloc.BlockLayout;
import io.weft.common.alloc.FleetId;
import io.weft.common.alloc.OwnedBlocks;
import io.weft.common.net.Ipv4;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;

/**
 * One host's address book taken apart, for the tests of each part: its state over maps in
 * memory, the other hosts answering through {@link #remote} as the test says, and their entries
 * in the directory written by hand. The range is small, 16 blocks of 16 addresses.
 */
final class OneBook {

  static final AddressRange RANGE = AddressRange.parse("10.40.0.0/24");
  static final FleetId FLEET = new FleetId(Instant.parse("2026-12-01T00:00:00Z"), "f1");

  final Map<String, String> blocks = new ConcurrentHashMap<>();
  final Map<String, String> addresses = new ConcurrentHashMap<>();
  final Set<String> live = new HashSet<>();
  final HostRecord record = HostRecord.inMemory();
  final BookState state;
  final Publication publication;
  final Remote remote = new Remote();
  final List<String> events = new ArrayList<>();

  /** What this host asks of others: each call is told, and answered by the hosts in {@link #answering}. */
  static final class Remote implements RemoteBlocks {
    final List<String> calls = new ArrayList<>();
    final Map<String, RemoteBlocks> answering = new HashMap<>();

    @Override
    public Map<Integer, Integer> askForSpace(String donor, String me) {
      calls.add("ask " + donor);
      return host(donor).askForSpace(donor, me);
    }

    @Override
    public void claim(String blockOwner, Ipv4 address, Owner holder) {
      calls.add("claim " + address + " of " + blockOwner);
      host(blockOwner).claim(blockOwner, address, holder);
    }

    @Override
    public void release(String blockOwner, Ipv4 address, Owner holder) {
      calls.add("release " + address + " to " + blockOwner);
      host(blockOwner).release(blockOwner, address, holder);
    }

    private RemoteBlocks host(String name) {
      RemoteBlocks host = answering.get(name);
      if (host == null) {
        throw new WeftException(ErrorCode.OWNER_UNREACHABLE, name + " did not answer (timeout)");
      }
      return host;
    }
  }

  OneBook(String host) {
    state = new BookState(host, BlockLayout.of(RANGE), record, new BlockDirectory(blocks),
        new FleetHoldings(addresses), live::contains);
    state.tell(event -> events.add(event.kind().wire()));
    publication = new Publication(state);
    live.add(host);
  }

  /** This host in {@link #FLEET}, owning {@code indices} at version 1. */
  OneBook owning(Integer... indices) {
    TreeMap<Integer, Integer> owned = new TreeMap<>();
    for (int i : indices) {
      owned.put(i, 1);
    }
    record.joinFleet(FLEET);
    record.blocks(new OwnedBlocks(owned, new TreeMap<>()));
    state.locked(publication::entry);
    return this;
  }

  /** Another host's entry in the directory, owning {@code indices} at {@code version}. */
  void other(String host, FleetId fleet, int version, Integer... indices) {
    TreeMap<Integer, Integer> owned = new TreeMap<>();
    for (int i : indices) {
      owned.put(i, version);
    }
    state.directory.publish(host, fleet, RANGE, new OwnedBlocks(owned, new TreeMap<>()));
  }

  BlockLayout layout() {
    return state.layout;
  }
}
