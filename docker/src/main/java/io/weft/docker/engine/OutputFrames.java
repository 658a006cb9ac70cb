package io.weft.docker.engine;

import com.github.dockerjava.api.async.ResultCallback;
import com.github.dockerjava.api.model.Frame;
import com.github.dockerjava.api.model.StreamType;
import java.nio.charset.StandardCharsets;

/** Collects a container's or an exec's multiplexed output into stdout and stderr. */
public final class OutputFrames extends ResultCallback.Adapter<Frame> {

  private final StringBuilder out = new StringBuilder();
  private final StringBuilder err = new StringBuilder();

  @Override
  public void onNext(Frame frame) {
    String text = new String(frame.getPayload(), StandardCharsets.UTF_8);
    (frame.getStreamType() == StreamType.STDERR ? err : out).append(text);
  }

  public String stdout() {
    return out.toString();
  }

  public String stderr() {
    return err.toString();
  }
}
