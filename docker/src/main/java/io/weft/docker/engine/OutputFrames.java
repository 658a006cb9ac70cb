package io.weft.docker.engine;

import com.github.dockerjava.api.async.ResultCallback;
import com.github.dockerjava.api.model.Frame;
import com.github.dockerjava.api.model.StreamType;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;

/**
 * Collects a container's or an exec's multiplexed output into stdout and stderr. The bytes of
 * each stream are kept whole and decoded once, at the end: a frame may end inside a character
 * (the engine cuts frames by size), and decoding frame by frame would mangle it.
 */
public final class OutputFrames extends ResultCallback.Adapter<Frame> {

  private final ByteArrayOutputStream out = new ByteArrayOutputStream();
  private final ByteArrayOutputStream err = new ByteArrayOutputStream();

  @Override
  public void onNext(Frame frame) {
    ByteArrayOutputStream stream = frame.getStreamType() == StreamType.STDERR ? err : out;
    synchronized (stream) {
      stream.writeBytes(frame.getPayload());
    }
  }

  public String stdout() {
    return text(out);
  }

  public String stderr() {
    return text(err);
  }

  private static String text(ByteArrayOutputStream stream) {
    synchronized (stream) {
      return stream.toString(StandardCharsets.UTF_8);
    }
  }
}
