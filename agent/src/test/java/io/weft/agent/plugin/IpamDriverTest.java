package io.weft.agent.plugin;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.json.JsonObject;
import io.weft.agent.alloc.AddressBook;
import io.weft.agent.alloc.Owner;
import io.weft.common.ErrorCode;
import io.weft.common.WeftException;
import io.weft.common.alloc.AddressRange;
import io.weft.common.net.Cidr;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Docker's addresses on one host: given, refused while an endpoint has them, taken over and given
 * back when none has (the host crashed and Docker could not give them back), found from the
 * veths alone.
 */
class IpamDriverTest {

  private static final String POOL = "weft:10.32.0.0/12";

  @TempDir
  Path state;

  private final Map<Cidr, Owner> held = new LinkedHashMap<>();
  private final Set<String> veths = new HashSet<>();

  private IpamDriver driver() {
    DockerEndpoints endpoints = new DockerEndpoints(state);
    return new IpamDriver(new MapBook(), new DockerPools(state, AddressRange.DEFAULT), endpoints, veths::contains, "host1");
  }

  @Test
  void anAddressWithAnEndpointIsRefusedAndOneWhoseEndpointIsGoneIsTakenOver() {
    IpamDriver ipam = driver();
    String address = request(ipam, "10.32.9.9");
    assertEquals("10.32.9.9/12", address);
    new DockerEndpoints(state).madeWith("10.32.9.9", "ab12cd34ef56");
    veths.add("ab12cd34ef56");

    IpamDriver afterRestart = driver(); // what the record knows outlives the agent
    WeftException inUse = assertThrows(WeftException.class, () -> request(afterRestart, "10.32.9.9"));
    assertEquals(ErrorCode.ADDRESS_IN_USE, inUse.code());

    veths.clear(); // the host crashed: the container's veth went with it, Docker's release failed
    assertEquals("10.32.9.9/12", request(afterRestart, "10.32.9.9"), "its container, started again, has it back");
  }

  @Test
  void addressesNoEndpointHasAreGivenBackButNotOneDockerAskedForAMomentAgo() {
    IpamDriver ipam = driver();
    String fresh = request(ipam, null);
    String crashed = request(ipam, "10.32.5.5");
    new DockerEndpoints(state).madeWith("10.32.5.5", "0123456789ab"); // its veth is gone

    List<Cidr> released = driver().releaseUnused();
    assertEquals(List.of(Cidr.parse("10.32.5.5/12")), released);
    assertTrue(held.containsKey(Cidr.parse(fresh)), "an address given a moment ago was taken back");
    assertEquals(1, held.size(), crashed + " is still held");
  }

  private static String request(IpamDriver ipam, String address) {
    JsonObject request = new JsonObject().put("PoolID", POOL);
    if (address != null) {
      request.put("Address", address);
    }
    return ipam.calls().get("/IpamDriver.RequestAddress").answer(request).body().getString("Address");
  }

  /** The record in a map: one host, no fleet. */
  private final class MapBook implements AddressBook {

    @Override
    public List<Cidr> claim(List<Cidr> cidrs, Owner owner) {
      List<Cidr> now = new ArrayList<>();
      for (Cidr cidr : cidrs) {
        Owner other = held.get(cidr);
        if (other != null && !other.equals(owner)) {
          throw new WeftException(ErrorCode.ADDRESS_IN_USE, cidr + " is held");
        }
        if (held.put(cidr, owner) == null) {
          now.add(cidr);
        }
      }
      return now;
    }

    @Override
    public Cidr allocate(AddressRange range, Owner owner) {
      Cidr free = range.firstFree(held.keySet().stream().map(Cidr::address).toList());
      held.put(free, owner);
      return free;
    }

    @Override
    public Cidr allocateWithin(Cidr subnet, Owner owner) {
      return allocate(new AddressRange(subnet), owner);
    }

    @Override
    public void describe(List<Cidr> cidrs, Owner owner, String mac) {
      cidrs.forEach(c -> held.putIfAbsent(c, owner));
    }

    @Override
    public List<Cidr> heldBy(Owner owner) {
      return held.entrySet().stream().filter(e -> e.getValue().equals(owner)).map(Map.Entry::getKey).toList();
    }

    @Override
    public void release(List<Cidr> cidrs, Owner owner) {
      cidrs.forEach(c -> held.remove(c, owner));
    }

    @Override
    public void releaseAll(Owner owner) {
      held.values().removeIf(owner::equals);
    }

    @Override
    public void releaseHost(String host) {
      held.values().removeIf(o -> o.host().equals(host));
    }
  }
}
