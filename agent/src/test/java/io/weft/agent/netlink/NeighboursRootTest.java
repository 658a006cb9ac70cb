package io.weft.agent.netlink;

import static org.junit.jupiter.api.Assertions.*;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.net.Inet4Address;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class NeighboursRootTest extends InNamespaceTest {

  private static final MacAddress MAC_A = MacAddress.parse("02:42:0a:20:00:09");
  private static final MacAddress MAC_B = MacAddress.parse("02:42:0a:20:00:0a");

  @Test
  void addsReplacesAndDeletesAPermanentArpEntry() {
    nl.links().add(Bridge.named("weft"));
    nl.links().setUp("weft");
    int weft = index("weft");

    nl.neighbours().add(Neighbour.arp(weft, IpNet.parseIp("10.32.0.9"), MAC_A));
    JsonObject e = ns.ip("neigh", "show", "dev", "weft").getJsonObject(0);
    assertEquals("10.32.0.9", e.getString("dst"));
    assertEquals(MAC_A.toString(), e.getString("lladdr"));
    assertEquals(new JsonArray().add("PERMANENT"), e.getJsonArray("state"));
    assertThrows(AlreadyExistsException.class,
        () -> nl.neighbours().add(Neighbour.arp(weft, IpNet.parseIp("10.32.0.9"), MAC_B)));

    nl.neighbours().replace(Neighbour.arp(weft, IpNet.parseIp("10.32.0.9"), MAC_B));
    assertEquals(MAC_B.toString(), ns.ip("neigh", "show", "dev", "weft").getJsonObject(0).getString("lladdr"));
    assertTrue(nl.neighbours().list(false).stream().anyMatch(n -> MAC_B.equals(n.mac()) && n.linkIndex() == weft));

    nl.neighbours().delete(Neighbour.arp(weft, IpNet.parseIp("10.32.0.9"), MAC_B));
    assertTrue(ns.ip("neigh", "show", "dev", "weft").isEmpty());
    assertThrows(NotFoundException.class,
        () -> nl.neighbours().delete(Neighbour.arp(weft, IpNet.parseIp("10.32.0.9"), MAC_B)));
  }

  /** "mac dst" of each entry {@code bridge -j fdb show dev vxweft} lists. */
  private List<String> fdb() {
    List<String> out = new ArrayList<>();
    for (Object o : ns.bridge("fdb", "show", "dev", "vxweft")) {
      JsonObject e = (JsonObject) o;
      if (e.containsKey("dst")) {
        out.add(e.getString("mac") + " " + e.getString("dst") + " " + e.getString("state"));
      }
    }
    return out;
  }

  @Test
  void appendsAndDeletesFloodEntriesAndAddsMacEntriesOnAVxlanDevice() {
    nl.links().add(Bridge.named("under"));
    nl.addresses().add("under", "10.99.0.1/24");
    nl.links().add(Vxlan.of("vxweft", 7).withLocal((Inet4Address) IpNet.parseIp("10.99.0.1")).withUnderlay(index("under")));
    int vx = index("vxweft");

    nl.neighbours().append(Neighbour.fdb(vx, MacAddress.ZERO, IpNet.parseIp("10.99.0.2")));
    nl.neighbours().append(Neighbour.fdb(vx, MacAddress.ZERO, IpNet.parseIp("10.99.0.3")));
    nl.neighbours().add(Neighbour.fdb(vx, MAC_A, IpNet.parseIp("10.99.0.2")));
    assertEquals(List.of(
        "02:42:0a:20:00:09 10.99.0.2 permanent",
        "00:00:00:00:00:00 10.99.0.2 permanent",
        "00:00:00:00:00:00 10.99.0.3 permanent").stream().sorted().toList(), fdb().stream().sorted().toList());
    assertEquals(3, nl.neighbours().listFdb(vx).stream().filter(n -> n.ip() != null).count());

    nl.neighbours().delete(Neighbour.fdb(vx, MacAddress.ZERO, IpNet.parseIp("10.99.0.2")));
    assertEquals(List.of("00:00:00:00:00:00 10.99.0.3 permanent", "02:42:0a:20:00:09 10.99.0.2 permanent"),
        fdb().stream().sorted().toList());
  }
}
