package io.weft.docker.agent;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.async.ResultCallback;
import com.github.dockerjava.api.model.Frame;
import com.github.dockerjava.api.model.StreamType;
import io.weft.common.ErrorCode;
import io.weft.common.WeftException;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PipedInputStream;
import java.io.PipedOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * The fleet's events from the agent of one host, through the Docker API alone: an exec of {@code
 * weft-call --events} in the agent's container, whose output is the agent's event stream, one
 * JSON object a line. The first line, {@code {"subscribed": ...}}, says the stream is live.
 */
public final class AgentEvents implements AutoCloseable {

  private final Lines lines;
  private final PipedOutputStream stdin;

  private AgentEvents(Lines lines, PipedOutputStream stdin) {
    this.lines = lines;
    this.stdin = stdin;
  }

  /**
   * Starts following; {@code line} gets every line, on docker-java's thread. The exec is
   * attached to a standard input that stays open, as {@link SessionChannel}'s is: docker-java
   * then speaks on the engine's raw connection, which hands each line over as it comes.
   */
  public static AgentEvents follow(DockerClient docker, Consumer<String> line) {
    AgentContainer.requireRunning(docker);
    String exec = docker.execCreateCmd(AgentContainer.NAME).withCmd(WeftCall.SCRIPT, "--events")
        .withAttachStdin(true).withAttachStdout(true).withAttachStderr(true).exec().getId();
    try {
      PipedOutputStream stdin = new PipedOutputStream();
      Lines lines = new Lines(line);
      docker.execStartCmd(exec).withStdIn(new PipedInputStream(stdin)).exec(lines);
      return new AgentEvents(lines, stdin);
    } catch (IOException e) {
      throw new WeftException(ErrorCode.DOCKER_FAILED, "cannot follow the agent's events: " + e.getMessage());
    }
  }

  /** Waits until the stream ends (the agent stopped) or {@code millis} pass; true when it ended. */
  public boolean awaitEnd(long millis) throws InterruptedException {
    return lines.awaitCompletion(millis, TimeUnit.MILLISECONDS);
  }

  /** Why the stream ended, when the agent said; empty otherwise. */
  public String stderr() {
    return lines.stderr.toString().strip();
  }

  @Override
  public void close() {
    try {
      stdin.close();
      lines.close();
    } catch (IOException e) {
      // closing a finished stream: nothing left to release
    }
  }

  /** Fails with the agent's own words when the stream could not start at all. */
  public static WeftException ended(String stderr) {
    return new WeftException(ErrorCode.AGENT_NOT_RUNNING, "the agent's event stream ended"
        + (stderr.isEmpty() ? "" : ": " + stderr));
  }

  private static final class Lines extends ResultCallback.Adapter<Frame> {
    private final ByteArrayOutputStream partial = new ByteArrayOutputStream();
    private final StringBuilder stderr = new StringBuilder();
    private final Consumer<String> line;

    Lines(Consumer<String> line) {
      this.line = line;
    }

    @Override
    public void onNext(Frame frame) {
      if (frame.getStreamType() == StreamType.STDERR) {
        stderr.append(new String(frame.getPayload(), StandardCharsets.UTF_8));
        return;
      }
      for (byte b : frame.getPayload()) {
        if (b == '\n') {
          line.accept(partial.toString(StandardCharsets.UTF_8));
          partial.reset();
        } else {
          partial.write(b);
        }
      }
    }
  }
}
