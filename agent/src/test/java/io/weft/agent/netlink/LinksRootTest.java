package io.weft.agent.netlink;

import static org.junit.jupiter.api.Assertions.*;

import io.vertx.core.json.JsonObject;
import java.net.Inet4Address;
import java.util.List;
import org.junit.jupiter.api.Test;

class LinksRootTest extends InNamespaceTest {

  @Test
  void addsABridgeWithItsMtuAndListsIt() {
    nl.links().add(new Bridge(LinkAttrs.named("weft").withMtu(1410)));

    JsonObject j = ns.link("weft");
    assertEquals("bridge", j.getJsonObject("linkinfo").getString("info_kind"));
    assertEquals(1410, j.getInteger("mtu"));
    Link got = nl.links().get("weft");
    assertInstanceOf(Bridge.class, got);
    assertEquals(j.getInteger("ifindex"), got.index());
    assertEquals(got, nl.links().get(got.index()));
    assertTrue(nl.links().list().stream().anyMatch(l -> l.name().equals("weft")));
    assertTrue(nl.links().list().stream().anyMatch(l -> l.name().equals("lo") && l instanceof Device));
  }

  @Test
  void addsAVethPair() {
    nl.links().add(Veth.pair("vethwepl1", "vethwepg1"));

    assertEquals("veth", ns.link("vethwepl1").getJsonObject("linkinfo").getString("info_kind"));
    assertEquals("veth", ns.link("vethwepg1").getJsonObject("linkinfo").getString("info_kind"));
    assertInstanceOf(Veth.class, nl.links().get("vethwepg1"));
  }

  @Test
  void createsTheVethPeerDirectlyInAnotherNamespace() {
    try (TestNamespace container = TestNamespace.create(); NetNs target = NetNs.named(container.name)) {
      nl.links().add(Veth.pair("vethwepl2", "ethwe").withPeerIn(target.target()));

      assertNotNull(ns.link("vethwepl2"));
      assertNull(ns.link("ethwe"));
      assertNotNull(container.link("ethwe"));
    }
  }

  @Test
  void createsTheVethPeerInAnotherNamespaceWithItsMtuAndMac() {
    try (TestNamespace container = TestNamespace.create(); NetNs target = NetNs.named(container.name)) {
      nl.links().add(Veth.pair("vethwepl4", "ethwe")
          .withAttrs(LinkAttrs.named("vethwepl4").withMtu(1390))
          .withPeer(LinkAttrs.named("ethwe").withMtu(1390).withMac(MacAddress.parse("02:42:0a:20:00:09")))
          .withPeerIn(target.target()));

      assertEquals(1390, ns.link("vethwepl4").getInteger("mtu"));
      JsonObject ethwe = container.link("ethwe");
      assertEquals(1390, ethwe.getInteger("mtu"));
      assertEquals("02:42:0a:20:00:09", ethwe.getString("address"));
    }
  }

  @Test
  void createsALinkAlreadyOnItsBridgeAndUp() {
    nl.links().add(Bridge.named("weft"));
    nl.links().add(Veth.pair("vethwepl3", "vethwepg3")
        .withAttrs(LinkAttrs.named("vethwepl3").withMaster(index("weft")).withUp(true)));

    JsonObject j = ns.link("vethwepl3");
    assertEquals("weft", j.getString("master"));
    assertTrue(j.getJsonArray("flags").contains("UP"));
  }

  @Test
  void addsAVxlanDeviceWithItsSettings() throws Exception {
    nl.links().add(Bridge.named("under"));
    nl.addresses().add("under", "10.99.0.1/24");
    Inet4Address local = (Inet4Address) IpNet.parseIp("10.99.0.1");
    nl.links().add(Vxlan.of("vxweft", 4242).withLocal(local).withUnderlay(index("under")).withPort(4789).withProxy(true));

    JsonObject data = ns.link("vxweft").getJsonObject("linkinfo").getJsonObject("info_data");
    assertEquals(4242, data.getInteger("id"));
    assertEquals("10.99.0.1", data.getString("local"));
    assertEquals("under", data.getString("link"));
    assertEquals(4789, data.getInteger("port"));
    assertFalse(data.getBoolean("learning"));
    assertTrue(data.getBoolean("proxy"));
    Vxlan got = (Vxlan) nl.links().get("vxweft");
    assertEquals(4242, got.vni());
    assertEquals(local, got.local());
    assertEquals(4789, got.port());
    assertEquals(index("under"), got.underlayIndex());
    assertFalse(got.learning());
    assertTrue(got.proxy());
  }

  @Test
  void setsUpDownMtuMacAndName() {
    nl.links().add(Bridge.named("br0"));
    nl.links().setUp("br0");
    assertTrue(ns.link("br0").getJsonArray("flags").contains("UP"));
    assertTrue(nl.links().get("br0").attrs().up());
    nl.links().setDown("br0");
    assertFalse(ns.link("br0").getJsonArray("flags").contains("UP"));

    nl.links().setMtu("br0", 1280);
    assertEquals(1280, ns.link("br0").getInteger("mtu"));
    nl.links().setMac("br0", MacAddress.parse("02:42:0a:20:00:07"));
    assertEquals("02:42:0a:20:00:07", ns.link("br0").getString("address"));
    assertEquals(MacAddress.parse("02:42:0a:20:00:07"), nl.links().get("br0").attrs().mac());

    nl.links().rename("br0", "br1");
    assertNull(ns.link("br0"));
    assertNotNull(ns.link("br1"));
  }

  @Test
  void setsAndClearsTheMaster() {
    nl.links().add(Bridge.named("weft"));
    nl.links().add(Veth.pair("va", "vb"));
    nl.links().setMaster("va", "weft");
    assertEquals("weft", ns.link("va").getString("master"));
    assertEquals(index("weft"), nl.links().get("va").attrs().masterIndex());

    nl.links().clearMaster("va");
    assertNull(ns.link("va").getString("master"));
  }

  @Test
  void movesALinkIntoAnotherNamespaceByDescriptor() {
    try (TestNamespace other = TestNamespace.create(); NetNs target = NetNs.named(other.name)) {
      nl.links().add(Veth.pair("va", "vb"));
      nl.links().setNamespace("vb", target.target());

      assertNull(ns.link("vb"));
      assertNotNull(other.link("vb"));
    }
  }

  @Test
  void movesALinkIntoAProcesssNamespaceByPid() throws Exception {
    try (TestNamespace other = TestNamespace.create()) {
      Process inside = TestNamespace.startInside(other.name);
      try {
        nl.links().add(Veth.pair("va", "vb"));
        nl.links().setNamespace("vb", NsTarget.pid((int) inside.pid()));

        assertNull(ns.link("vb"));
        assertNotNull(other.link("vb"));
      } finally {
        inside.destroyForcibly().waitFor();
      }
    }
  }

  @Test
  void deletesALink() {
    nl.links().add(Bridge.named("gone"));
    nl.links().delete("gone");

    assertNull(ns.link("gone"));
    assertEquals(List.of("lo"), ns.linkNames());
  }
}
