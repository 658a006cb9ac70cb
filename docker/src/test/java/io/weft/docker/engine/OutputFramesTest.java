package io.weft.docker.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.github.dockerjava.api.model.Frame;
import com.github.dockerjava.api.model.StreamType;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

class OutputFramesTest {

  @Test
  void aCharacterSplitAcrossTwoFramesIsDecodedWhole() {
    byte[] text = "hôte ✓ prêt\n".getBytes(StandardCharsets.UTF_8);
    int cut = 7; // inside the three bytes of ✓
    OutputFrames frames = new OutputFrames();
    frames.onNext(new Frame(StreamType.STDOUT, Arrays.copyOfRange(text, 0, cut)));
    frames.onNext(new Frame(StreamType.STDOUT, Arrays.copyOfRange(text, cut, text.length)));
    assertEquals("hôte ✓ prêt\n", frames.stdout());
  }

  @Test
  void theTwoStreamsAreKeptApartThoughTheirFramesInterleave() {
    byte[] err = "é".getBytes(StandardCharsets.UTF_8);
    OutputFrames frames = new OutputFrames();
    frames.onNext(new Frame(StreamType.STDERR, new byte[] {err[0]}));
    frames.onNext(new Frame(StreamType.STDOUT, "out".getBytes(StandardCharsets.UTF_8)));
    frames.onNext(new Frame(StreamType.STDERR, new byte[] {err[1]}));
    assertEquals("out", frames.stdout());
    assertEquals("é", frames.stderr());
  }
}
