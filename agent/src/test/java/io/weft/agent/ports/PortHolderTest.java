package io.weft.agent.ports;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The holder of a port, from lines as the kernel writes them and from this machine's own table. */
class PortHolderTest {

  private static final String HEADING = "  sl  local_address rem_address   st tx_queue rx_queue tr tm->when"
      + " retrnsmt   uid  timeout inode";

  @Test
  void theListenerOnTheAddressOrOnAnyAddressIsFoundWithItsUid() {
    List<String> lines = List.of(HEADING,
        "   0: 0B001DAC:1A7F 00000000:0000 0A 00000000:00000000 00:00000000 00000000 65534        0 4711 1",
        "   1: 0B001DAC:1A81 0C001DAC:B05E 01 00000000:00000000 00:00000000 00000000     0        0 4712 1",
        "   2: 00000000:1A82 00000000:0000 0A 00000000:00000000 00:00000000 00000000  1000        0 4713 1");
    assertEquals(Optional.of(65534), PortHolder.uidIn(lines, new InetSocketAddress("172.29.0.11", 6783)));
    assertEquals(Optional.empty(), PortHolder.uidIn(lines, new InetSocketAddress("172.29.0.11", 6785)),
        "an established connection from the port holds no listener");
    assertEquals(Optional.of(1000), PortHolder.uidIn(lines, new InetSocketAddress("172.29.0.11", 6786)),
        "one listening on every address holds it too");
    assertEquals(Optional.empty(), PortHolder.uidIn(lines, new InetSocketAddress("172.29.0.12", 6783)));
    List<String> dualStack = List.of(HEADING, "   0: 0000000000000000FFFF00000C001DAC:1A7F"
        + " 00000000000000000000000000000000:0000 0A 00000000:00000000 00:00000000 00000000   999 0 4714 1");
    assertEquals(Optional.of(999), PortHolder.uidIn(dualStack, new InetSocketAddress("172.29.0.12", 6783)),
        "a dual-stack socket, as tcp6 lists it");
  }

  @Test
  void aListenerOfThisProcessIsFoundInTheKernelsTable() throws Exception {
    if (!Files.isReadable(Path.of("/proc/net/tcp"))) {
      return;
    }
    try (ServerSocket held = new ServerSocket(0, 1, java.net.InetAddress.getByName("127.0.0.1"))) {
      Optional<Integer> uid = PortHolder.uidOf(new InetSocketAddress("127.0.0.1", held.getLocalPort()));
      String status = Files.readString(Path.of("/proc/self/status"));
      int own = Integer.parseInt(status.lines().filter(l -> l.startsWith("Uid:")).findFirst().orElseThrow()
          .split("\\s+")[1]);
      assertEquals(Optional.of(own), uid);
    }
  }
}
