package io.weft.docker.thin;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import org.junit.jupiter.api.Test;

/** An exec's multiplexed output, taken apart into stdout and stderr. */
class ExecStreamsTest {

  @Test
  void framesGoToTheirStreamsInOrder() throws IOException {
    byte[] stream = {
        1, 0, 0, 0, 0, 0, 0, 3, 'a', 'b', 'c',
        2, 0, 0, 0, 0, 0, 0, 2, 'e', '!',
        1, 0, 0, 0, 0, 0, 0, 1, 'd'};
    ThinExec.Streams streams = ThinExec.Streams.demultiplex(stream);
    assertEquals("abcd", streams.stdout());
    assertEquals("e!", streams.stderr());
  }

  @Test
  void nothingIsNothing() throws IOException {
    assertEquals(new ThinExec.Streams("", ""), ThinExec.Streams.demultiplex(new byte[0]));
  }

  @Test
  void aFrameCutShortIsAnError() {
    assertThrows(IOException.class,
        () -> ThinExec.Streams.demultiplex(new byte[] {1, 0, 0, 0, 0, 0, 0, 5, 'a'}));
    assertThrows(IOException.class, () -> ThinExec.Streams.demultiplex(new byte[] {1, 0, 0}));
  }
}
