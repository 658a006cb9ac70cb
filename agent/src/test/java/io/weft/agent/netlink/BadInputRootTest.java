package io.weft.agent.netlink;

import static org.junit.jupiter.api.Assertions.*;

import java.util.List;
import org.junit.jupiter.api.Test;

/** Each bad input of the issue: a typed error naming the thing, and nothing created. */
class BadInputRootTest extends InNamespaceTest {

  @Test
  void aNameOverFifteenBytesIsRejectedAndNothingIsCreated() {
    InvalidArgumentException e = assertThrows(InvalidArgumentException.class,
        () -> nl.links().add(Bridge.named("weftbridge012345")));
    assertTrue(e.getMessage().contains("\"weftbridge012345\""), e.getMessage());
    assertTrue(e.getMessage().contains("16 bytes"), e.getMessage());

    InvalidArgumentException peer = assertThrows(InvalidArgumentException.class,
        () -> nl.links().add(Veth.pair("vethwepl9", "a/b")));
    assertTrue(peer.getMessage().contains("\"a/b\""), peer.getMessage());
    assertThrows(InvalidArgumentException.class, () -> nl.links().add(Bridge.named("has space")));
    assertThrows(InvalidArgumentException.class, () -> nl.links().rename("lo", "x".repeat(16)));
    assertEquals(List.of("lo"), ns.linkNames());
  }

  @Test
  void anInvalidAddressOrPrefixIsRejectedAndNothingIsAdded() {
    nl.links().add(Bridge.named("weft"));
    for (String bad : List.of("10.32.0.300/12", "10.32.0.7/33", "10.32.0.7", "10.32.0.7/", "fd00::1/129",
        "fd00:::1/64", "weft.example/24")) {
      InvalidArgumentException e = assertThrows(InvalidArgumentException.class,
          () -> nl.addresses().add("weft", bad), bad);
      assertTrue(e.getMessage().contains(bad), e.getMessage());
    }
    assertTrue(ns.ip("addr", "show", "dev", "weft").getJsonObject(0).getJsonArray("addr_info").stream()
        .allMatch(a -> "link".equals(((io.vertx.core.json.JsonObject) a).getString("scope"))));
  }

  @Test
  void aMissingNamespaceIsNotFoundNamingItsPath() {
    NotFoundException e = assertThrows(NotFoundException.class, () -> Netlink.forNamespace("weft-t-nosuchns"));
    assertTrue(e.getMessage().contains("/run/netns/weft-t-nosuchns"), e.getMessage());
    assertEquals("ENOENT", e.errnoName());
  }

  @Test
  void aLinkThatDoesNotExistIsNotFoundNamingIt() {
    for (Runnable verb : List.<Runnable>of(
        () -> nl.links().get("nosuch0"),
        () -> nl.links().setUp("nosuch0"),
        () -> nl.links().delete("nosuch0"),
        () -> nl.links().setMaster("lo", "nosuch0"),
        () -> nl.links().rename("nosuch0", "other0"),
        () -> nl.addresses().add("nosuch0", "10.32.0.7/12"))) {
      NotFoundException e = assertThrows(NotFoundException.class, verb::run);
      assertTrue(e.getMessage().contains("nosuch0"), e.getMessage());
    }
    assertEquals(List.of("lo"), ns.linkNames());
  }

  @Test
  void movingIntoANamespaceThatVanishedIsNotFoundAndTheLinkStays() throws Exception {
    nl.links().add(Veth.pair("va", "vb"));
    Process gone = new ProcessBuilder("true").start();
    gone.waitFor();

    NotFoundException byPid = assertThrows(NotFoundException.class,
        () -> nl.links().setNamespace("vb", NsTarget.pid((int) gone.pid())));
    assertTrue(byPid.getMessage().contains("pid " + gone.pid()), byPid.getMessage());
    assertNotNull(ns.link("vb"));

    TestNamespace vanished = TestNamespace.create();
    vanished.close();
    NotFoundException byName = assertThrows(NotFoundException.class, () -> NetNs.named(vanished.name));
    assertTrue(byName.getMessage().contains(vanished.name), byName.getMessage());

    assertThrows(NotFoundException.class,
        () -> nl.links().add(Veth.pair("vc", "vd").withPeerIn(NsTarget.pid((int) gone.pid()))));
    assertNull(ns.link("vc"));
    assertNull(ns.link("vd"));
  }

  @Test
  void aDuplicateIsAlreadyExistsWithTheKernelsWords() {
    nl.links().add(Veth.pair("vethwepl123", "vethwepg123"));
    AlreadyExistsException e = assertThrows(AlreadyExistsException.class,
        () -> nl.links().add(Veth.pair("vethwepl123", "other1")));
    assertTrue(e.getMessage().startsWith("linkAdd(veth vethwepl123) failed: File exists (EEXIST)"), e.getMessage());
    assertNull(ns.link("other1"));
  }
}
