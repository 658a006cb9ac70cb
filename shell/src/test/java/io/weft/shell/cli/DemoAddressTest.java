package io.weft.shell.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** The demo finds a container's address on weft whichever link carries it. */
class DemoAddressTest {

  @Test
  void theGlobalAddressOnDockersLinkOrWeftsIsFound() {
    // as Docker's plugin leaves it (weft run and docker run --net=weft), and as weft attach does
    assertEquals("10.36.0.2", DemoCommand.weftAddress("2: eth0    inet 10.36.0.2/12 brd 10.47.255.255 scope global"
        + " eth0\\       valid_lft forever preferred_lft forever\n"));
    assertEquals("10.32.202.1", DemoCommand.weftAddress("41: ethwe    inet 10.32.202.1/12 scope global ethwe\\"
        + "       valid_lft forever preferred_lft forever\n"));
  }

  @Test
  void aContainerWithoutOneStopsTheDemoSayingWhatItSaw() {
    IllegalStateException none = assertThrows(IllegalStateException.class,
        () -> DemoCommand.weftAddress("Device \"ethwe\" does not exist.\n"));
    assertTrue(none.getMessage().startsWith("the demo stopped: the container has no address on weft"),
        none.getMessage());
  }
}
