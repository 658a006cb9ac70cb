package io.weft.agent.netlink;

import static org.junit.jupiter.api.Assertions.*;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class AddressesRootTest extends InNamespaceTest {

  @BeforeEach
  void bridge() {
    nl.links().add(Bridge.named("weft"));
  }

  /** The "local/prefixlen" strings of {@code ip -j addr show dev weft}, IPv6 link-local left out. */
  private List<String> ipAddrs() {
    List<String> out = new ArrayList<>();
    JsonArray links = ns.ip("addr", "show", "dev", "weft");
    for (Object o : links.getJsonObject(0).getJsonArray("addr_info")) {
      JsonObject a = (JsonObject) o;
      if (!"link".equals(a.getString("scope"))) {
        out.add(a.getString("local") + "/" + a.getInteger("prefixlen"));
      }
    }
    return out;
  }

  @Test
  void addsListsAndDeletesIpv4AndIpv6Addresses() {
    nl.addresses().add("weft", "10.32.0.7/12");
    nl.addresses().add("weft", IpNet.parse("fd00:77::7/64"));

    assertEquals(List.of("10.32.0.7/12", "fd00:77::7/64"), ipAddrs());
    assertTrue(nl.addresses().list("weft").contains(IpNet.parse("10.32.0.7/12")));
    assertTrue(nl.addresses().list("weft").contains(IpNet.parse("fd00:77::7/64")));

    nl.addresses().delete("weft", IpNet.parse("10.32.0.7/12"));
    nl.addresses().delete("weft", IpNet.parse("fd00:77::7/64"));
    assertEquals(List.of(), ipAddrs());
  }

  @Test
  void addingTwiceIsAlreadyExists() {
    nl.addresses().add("weft", "10.32.0.7/12");
    AlreadyExistsException e = assertThrows(AlreadyExistsException.class, () -> nl.addresses().add("weft", "10.32.0.7/12"));
    assertEquals(17, e.errno());
    assertTrue(e.getMessage().startsWith("addrAdd(10.32.0.7/12 dev weft) failed: File exists (EEXIST)"), e.getMessage());
  }

  @Test
  void deletingAnAbsentAddressIsNotFound() {
    assertThrows(NotFoundException.class, () -> nl.addresses().delete("weft", IpNet.parse("10.32.0.8/12")));
  }
}
