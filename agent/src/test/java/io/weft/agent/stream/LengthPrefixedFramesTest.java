package io.weft.agent.stream;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.buffer.Buffer;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** One reader for both widths of prefix: DNS over TCP's two bytes and the bridge's four. */
class LengthPrefixedFramesTest {

  @ParameterizedTest
  @ValueSource(ints = {2, 4})
  void framesArrivingByteByByteComeOutWholeAndInOrder(int width) throws Exception {
    LengthPrefixedFrames frames = new LengthPrefixedFrames(width, 1, 100);
    Buffer wire = Buffer.buffer()
        .appendBuffer(LengthPrefixedFrames.frame(width, bytes("first")))
        .appendBuffer(LengthPrefixedFrames.frame(width, bytes("the second")));
    StringBuilder seen = new StringBuilder();
    for (int i = 0; i < wire.length(); i++) {
      frames.received(wire.getBuffer(i, i + 1));
      for (Buffer frame = frames.next(); frame != null; frame = frames.next()) {
        seen.append(frame.toString(StandardCharsets.UTF_8)).append('|');
      }
    }
    assertEquals("first|the second|", seen.toString());
    assertEquals(0, frames.held());
  }

  @ParameterizedTest
  @ValueSource(ints = {2, 4})
  void aFrameComesOutOnlyWhenAskedForSoTheRestStaysHeld(int width) throws Exception {
    LengthPrefixedFrames frames = new LengthPrefixedFrames(width, 1, 100);
    frames.received(Buffer.buffer()
        .appendBuffer(LengthPrefixedFrames.frame(width, bytes("ab")))
        .appendBuffer(LengthPrefixedFrames.frame(width, bytes("cde"))));
    assertArrayEquals(bytes("ab"), frames.next().getBytes());
    assertEquals(width + 3, frames.held());
    assertArrayEquals(bytes("cde"), frames.next().getBytes());
    assertNull(frames.next());
  }

  @ParameterizedTest
  @ValueSource(ints = {2, 4})
  void aLengthOverTheBoundBreaksTheStreamBeforeItsBytesCome(int width) {
    LengthPrefixedFrames frames = new LengthPrefixedFrames(width, 1, 100);
    frames.received(prefix(width, 101));
    var broken = assertThrows(LengthPrefixedFrames.Broken.class, frames::next);
    assertEquals("a frame of 101 bytes (at most 100)", broken.getMessage());
  }

  @ParameterizedTest
  @ValueSource(ints = {2, 4})
  void aLengthUnderTheBoundBreaksTheStream(int width) {
    LengthPrefixedFrames frames = new LengthPrefixedFrames(width, 2, 100);
    frames.received(prefix(width, 1).appendByte((byte) '{'));
    var broken = assertThrows(LengthPrefixedFrames.Broken.class, frames::next);
    assertEquals("a frame of 1 bytes (at least 2)", broken.getMessage());
  }

  @Test
  void aFourByteLengthWithItsTopBitSetIsTooLongNotNegative() {
    LengthPrefixedFrames frames = new LengthPrefixedFrames(4, 1, 100);
    frames.received(Buffer.buffer().appendInt(0x80000000));
    var broken = assertThrows(LengthPrefixedFrames.Broken.class, frames::next);
    assertTrue(broken.getMessage().startsWith("a frame of 2147483648 bytes"), broken.getMessage());
  }

  @Test
  void aTwoBytePrefixCannotCarryMoreThanItCanSay() {
    assertThrows(IllegalArgumentException.class, () -> new LengthPrefixedFrames(2, 1, 65536));
    assertThrows(IllegalArgumentException.class, () -> LengthPrefixedFrames.frame(2, new byte[65536]));
    assertThrows(IllegalArgumentException.class, () -> new LengthPrefixedFrames(3, 1, 100));
  }

  private static Buffer prefix(int width, int length) {
    return width == 2 ? Buffer.buffer().appendUnsignedShort(length) : Buffer.buffer().appendInt(length);
  }

  private static byte[] bytes(String text) {
    return text.getBytes(StandardCharsets.UTF_8);
  }
}
