package io.weft.docker.agent;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.async.ResultCallback;
import com.github.dockerjava.api.model.Frame;
import com.github.dockerjava.api.model.StreamType;
import io.vertx.core.json.JsonObject;
import io.weft.common.ErrorCode;
import io.weft.common.WeftException;
import io.weft.common.bus.CommandRequest;
import io.weft.common.bus.HostReply;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PipedInputStream;
import java.io.PipedOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * One exec of {@code weft-call --lines} in the agent's container, kept open: each request is a
 * line written to its stdin, each reply a line read from its stdout. A command then costs the
 * agent's work and two hops, not a new exec (about 100 ms) and a new connection each time.
 */
public final class SessionChannel implements AgentChannel {

  /** Longer than any per-host timeout of the agent's: a reply always comes before it. */
  private static final Duration REPLY_BOUND = Duration.ofSeconds(30);
  private static final String CLOSED = "\u0000closed";

  private final PipedOutputStream toAgent;
  private final BlockingQueue<String> replies = new LinkedBlockingQueue<>();
  private final StringBuilder stderr = new StringBuilder();
  private final ResultCallback.Adapter<Frame> stream;

  private SessionChannel(PipedOutputStream toAgent, ResultCallback.Adapter<Frame> stream) {
    this.toAgent = toAgent;
    this.stream = stream;
  }

  /** Opens a session with the agent of the host {@code docker} speaks to. */
  public static SessionChannel open(DockerClient docker) {
    if (!AgentContainer.isRunning(docker)) {
      throw new WeftException(ErrorCode.AGENT_NOT_RUNNING,
          "weft is not running on this host (start it with weft launch)");
    }
    String exec = docker.execCreateCmd(AgentContainer.NAME).withCmd(WeftCall.session().toArray(String[]::new))
        .withAttachStdin(true).withAttachStdout(true).withAttachStderr(true).exec().getId();
    try {
      PipedOutputStream toAgent = new PipedOutputStream();
      PipedInputStream stdin = new PipedInputStream(toAgent, 64 * 1024);
      Lines lines = new Lines();
      SessionChannel session = new SessionChannel(toAgent, lines);
      lines.session = session;
      docker.execStartCmd(exec).withStdIn(stdin).exec(lines);
      return session;
    } catch (IOException e) {
      throw new WeftException(ErrorCode.DOCKER_FAILED, "cannot open a session with the agent: " + e.getMessage());
    }
  }

  @Override
  public List<HostReply> command(CommandRequest request) {
    return HostReply.allOf(request(request.toJson().encode()));
  }

  @Override
  public JsonObject peers() {
    return request(WeftCall.peersLine());
  }

  private synchronized JsonObject request(String line) {
    try {
      toAgent.write((line + "\n").getBytes(StandardCharsets.UTF_8));
      toAgent.flush();
      String reply = replies.poll(REPLY_BOUND.toMillis(), TimeUnit.MILLISECONDS);
      if (reply == null) {
        throw new WeftException(ErrorCode.TIMEOUT, "the agent did not reply within " + REPLY_BOUND.toSeconds() + " s");
      }
      if (reply == CLOSED) {
        replies.offer(CLOSED);
        throw new WeftException(ErrorCode.AGENT_NOT_RUNNING, "the session with the agent ended"
            + (stderr.isEmpty() ? "" : ": " + stderr.toString().strip()));
      }
      return WeftCall.parse(reply);
    } catch (IOException e) {
      throw new WeftException(ErrorCode.AGENT_NOT_RUNNING, "the session with the agent ended: " + e.getMessage());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new WeftException(ErrorCode.TIMEOUT, "interrupted while waiting for the agent");
    }
  }

  @Override
  public void close() {
    try {
      toAgent.close(); // end of input: weft-call's loop ends, and the exec with it
      stream.close();
    } catch (IOException e) {
      // closing a finished stream: nothing left to release
    }
  }

  /** Splits the exec's stdout into reply lines; keeps its stderr for the message at the end. */
  private static final class Lines extends ResultCallback.Adapter<Frame> {
    private final ByteArrayOutputStream partial = new ByteArrayOutputStream();
    private SessionChannel session;

    @Override
    public void onNext(Frame frame) {
      if (frame.getStreamType() == StreamType.STDERR) {
        session.stderr.append(new String(frame.getPayload(), StandardCharsets.UTF_8));
        return;
      }
      for (byte b : frame.getPayload()) {
        if (b == '\n') {
          session.replies.offer(partial.toString(StandardCharsets.UTF_8));
          partial.reset();
        } else {
          partial.write(b);
        }
      }
    }

    @Override
    public void onError(Throwable throwable) {
      session.replies.offer(CLOSED);
    }

    @Override
    public void onComplete() {
      session.replies.offer(CLOSED);
    }
  }
}
