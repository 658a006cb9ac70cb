package io.weft.docker.agent;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.async.ResultCallback;
import com.github.dockerjava.api.model.Frame;
import java.io.ByteArrayOutputStream;
import java.io.Closeable;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * The agent container's output, followed line by line as it comes; ends when the container
 * stops. Keeps the last lines, to show why an agent failed.
 */
final class AgentLog implements Closeable {

  private static final int KEPT = 5;
  private static final String END = "\u0000end";

  private final BlockingQueue<String> lines = new LinkedBlockingQueue<>();
  private final Deque<String> last = new ArrayDeque<>();
  private final ResultCallback.Adapter<Frame> callback;
  private final ByteArrayOutputStream partial = new ByteArrayOutputStream();
  private boolean ended;

  /** Output fed by hand, through {@link #split}: for tests. */
  AgentLog() {
    callback = null;
  }

  /** Follows the output written from {@code sinceEpochSecond} on. */
  AgentLog(DockerClient docker, String containerId, int sinceEpochSecond) {
    callback = docker.logContainerCmd(containerId).withStdOut(true).withStdErr(true)
        .withFollowStream(true).withSince(sinceEpochSecond)
        .exec(new ResultCallback.Adapter<Frame>() {
          @Override
          public void onNext(Frame frame) {
            split(frame.getPayload());
          }

          @Override
          public void onComplete() {
            lines.add(END);
          }

          @Override
          public void onError(Throwable throwable) {
            lines.add(END);
          }
        });
  }

  /**
   * Cuts the bytes into lines and decodes each whole line: a frame may end inside a character,
   * but never inside a newline, which no byte of a longer UTF-8 character can be.
   */
  synchronized void split(byte[] bytes) {
    for (byte b : bytes) {
      if (b == '\n') {
        lines.add(partial.toString(StandardCharsets.UTF_8));
        partial.reset();
      } else {
        partial.write(b);
      }
    }
  }

  /** The next line within {@code millis}; null on timeout or when the output has ended. */
  String next(long millis) throws InterruptedException {
    if (ended) {
      return null;
    }
    String line = lines.poll(Math.max(1, millis), TimeUnit.MILLISECONDS);
    if (END.equals(line)) {
      ended = true;
      return null;
    }
    if (line != null) {
      last.addLast(line);
      if (last.size() > KEPT) {
        last.removeFirst();
      }
    }
    return line;
  }

  boolean ended() {
    return ended;
  }

  /** The last lines seen, each as {@code shown} shows it, joined for a one-line error. */
  String lastLines(java.util.function.UnaryOperator<String> shown) {
    return last.isEmpty() ? "(no output)" : String.join(" | ", last.stream().map(shown).toList());
  }

  @Override
  public void close() throws IOException {
    if (callback != null) {
      callback.close();
    }
  }
}
