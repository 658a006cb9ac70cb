package io.weft.agent.dns;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.weft.common.net.Ipv4;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class HostResolvConfTest {

  @Test
  void nameserverLinesInOrderIpv4Only() {
    assertEquals(List.of(Ipv4.parse("172.29.0.1"), Ipv4.parse("10.0.0.2")), ResolvConf.nameservers("""
        # written by hand
        search example.org
        nameserver 172.29.0.1
        nameserver   fd00::1
        nameserver 10.0.0.2
        nameserver 172.29.0.1
        options ndots:2
        """));
  }

  @Test
  void symlinksAreFollowedUnderTheHostsRootNotOurs(@TempDir Path root) throws Exception {
    Files.createDirectories(root.resolve("etc"));
    Files.createDirectories(root.resolve("run/resolve"));
    Files.writeString(root.resolve("run/resolve/stub.conf"), "nameserver 127.0.0.53\n");
    Files.createSymbolicLink(root.resolve("etc/resolv.conf"), Path.of("/run/resolve/stub.conf"));
    assertEquals(root.resolve("run/resolve/stub.conf"), HostResolvConf.resolve(root, "/etc/resolv.conf"));
    Files.delete(root.resolve("etc/resolv.conf"));
    Files.createSymbolicLink(root.resolve("etc/resolv.conf"), Path.of("../run/resolve/stub.conf"));
    assertEquals(root.resolve("run/resolve/stub.conf"), HostResolvConf.resolve(root, "/etc/resolv.conf"));
  }

  @Test
  void withoutTheEnginesFilesTheContainersCopyServesAndChangesAreSeen(@TempDir Path dir) throws Exception {
    Path copy = dir.resolve("resolv.conf");
    Files.writeString(copy, "nameserver 10.1.1.1\n");
    HostResolvConf conf = new HostResolvConf(dir.resolve("no-proc"), copy);
    assertEquals(List.of(Ipv4.parse("10.1.1.1")), conf.nameservers());
    Files.writeString(copy, "nameserver 10.2.2.2\n");
    assertEquals(List.of(Ipv4.parse("10.2.2.2")), conf.nameservers());
  }
}
