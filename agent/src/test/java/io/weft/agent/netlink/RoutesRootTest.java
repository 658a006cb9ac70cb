package io.weft.agent.netlink;

import static org.junit.jupiter.api.Assertions.*;

import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class RoutesRootTest extends InNamespaceTest {

  @BeforeEach
  void connectedBridge() {
    nl.links().add(Bridge.named("weft"));
    nl.links().setUp("weft");
    nl.addresses().add("weft", "10.50.0.1/24");
    nl.addresses().add("weft", "fd00:50::1/64");
  }

  private JsonObject ipRoute(String dst, String... family) {
    String[] args = family.length == 0 ? new String[] {"route", "show"} : new String[] {family[0], "route", "show"};
    for (Object o : ns.ip(args)) {
      JsonObject r = (JsonObject) o;
      if (dst.equals(r.getString("dst"))) {
        return r;
      }
    }
    return null;
  }

  @Test
  void addsReplacesAndDeletesAGatewayRoute() {
    nl.routes().add(Route.to("10.60.0.0/16").via("10.50.0.2"));
    assertEquals("10.50.0.2", ipRoute("10.60.0.0/16").getString("gateway"));
    assertEquals("weft", ipRoute("10.60.0.0/16").getString("dev"));
    assertTrue(nl.routes().list(false).stream().anyMatch(r ->
        r.dst() != null && r.dst().equals(IpNet.parse("10.60.0.0/16")) && r.gateway().getHostAddress().equals("10.50.0.2")));

    nl.routes().replace(Route.to("10.60.0.0/16").via("10.50.0.3"));
    assertEquals("10.50.0.3", ipRoute("10.60.0.0/16").getString("gateway"));

    nl.routes().delete(Route.to("10.60.0.0/16").via("10.50.0.3"));
    assertNull(ipRoute("10.60.0.0/16"));
    assertThrows(NotFoundException.class, () -> nl.routes().delete(Route.to("10.60.0.0/16")));
  }

  @Test
  void addsADeviceRouteWithLinkScope() {
    nl.routes().add(Route.to("10.70.0.0/16").dev(index("weft")));
    JsonObject r = ipRoute("10.70.0.0/16");
    assertEquals("link", r.getString("scope"));
    assertEquals("weft", r.getString("dev"));
    assertTrue(nl.routes().list(false).stream().anyMatch(x ->
        IpNet.parse("10.70.0.0/16").equals(x.dst()) && x.scope() == Scope.LINK && x.linkIndex() == index("weft")));
    assertThrows(AlreadyExistsException.class, () -> nl.routes().add(Route.to("10.70.0.0/16").dev(index("weft"))));
  }

  @Test
  void addsAnIpv6RouteAndADefaultRoute() {
    nl.routes().add(Route.to("fd00:60::/48").via("fd00:50::2"));
    assertEquals("fd00:50::2", ipRoute("fd00:60::/48", "-6").getString("gateway"));

    nl.routes().add(Route.defaultRoute(false).via("10.50.0.254"));
    assertEquals("10.50.0.254", ipRoute("default").getString("gateway"));
    assertTrue(nl.routes().list(false).stream().anyMatch(x -> x.dst() == null));
  }
}
