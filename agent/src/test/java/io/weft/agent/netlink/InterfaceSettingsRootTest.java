package io.weft.agent.netlink;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.Map;
import org.junit.jupiter.api.Test;

/** IPv4 settings and ARP cache timing set through rtnetlink land where the sysctls show them. */
class InterfaceSettingsRootTest extends InNamespaceTest {

  @Test
  void setsArpNotifyAndArpIgnoreOnOneLinkOnly() {
    nl.links().add(Bridge.named("one"));
    nl.links().add(Bridge.named("two"));

    nl.links().setIpv4("one", Map.of(Ipv4Setting.ARP_NOTIFY, 1, Ipv4Setting.ARP_IGNORE, 2));

    assertEquals("1", sysctl("ipv4/conf/one/arp_notify"));
    assertEquals("2", sysctl("ipv4/conf/one/arp_ignore"));
    assertEquals("0", sysctl("ipv4/conf/two/arp_notify"));
  }

  @Test
  void setsTheArpCacheTimingOfOneLink() {
    nl.links().add(Bridge.named("one"));

    nl.neighbours().setArpCache("one", new ArpCacheParameters(5000, 2000, 1));

    assertEquals("5000", sysctl("ipv4/neigh/one/base_reachable_time_ms"));
    assertEquals("2", sysctl("ipv4/neigh/one/delay_first_probe_time"));
    assertEquals("1", sysctl("ipv4/neigh/one/ucast_solicit"));
  }

  @Test
  void aMissingLinkIsNotFound() {
    assertThrows(NotFoundException.class,
        () -> nl.links().setIpv4("nosuch", Map.of(Ipv4Setting.ARP_NOTIFY, 1)));
    assertThrows(NotFoundException.class,
        () -> nl.neighbours().setArpCache("nosuch", new ArpCacheParameters(5000, 2000, 1)));
  }

  /** Read by iproute2's side of the world: a process in the namespace, not this library. */
  private String sysctl(String key) {
    return ns.exec("cat", "/proc/sys/net/" + key).strip();
  }
}
