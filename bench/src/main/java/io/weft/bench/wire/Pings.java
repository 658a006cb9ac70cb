package io.weft.bench.wire;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A ping every 20 ms from a container, its replies timestamped as they come: the first reply
 * after a moment tells how long traffic stopped.
 */
final class Pings {

  private final Process process;
  private final List<Long> replies = new CopyOnWriteArrayList<>();

  private Pings(Process process) {
    this.process = process;
    Thread reader = new Thread(() -> {
      try (BufferedReader in = new BufferedReader(new InputStreamReader(process.getInputStream()))) {
        String line;
        while ((line = in.readLine()) != null) {
          if (line.contains("bytes from")) {
            replies.add(System.nanoTime());
          }
        }
      } catch (IOException e) {
        // the ping ended
      }
    }, "pings");
    reader.setDaemon(true);
    reader.start();
  }

  static Pings start(List<String> inContainer, String address) throws IOException {
    List<String> command = new ArrayList<>(inContainer);
    command.addAll(List.of("ping", "-i", "0.02", "-W", "1", address));
    return new Pings(new ProcessBuilder(command).redirectErrorStream(true).start());
  }

  /** Milliseconds from {@code since} (nanoTime) to the first reply after it; bounded. */
  double firstReplyAfter(long since, long boundMillis) throws InterruptedException {
    long bound = since + boundMillis * 1_000_000L;
    while (System.nanoTime() < bound) {
      for (long r : replies) {
        if (r > since + 50_000_000L) { // a reply to a ping sent before the cut may still arrive just after
          return (r - since) / 1e6;
        }
      }
      Thread.sleep(10); // polling the replies read so far
    }
    throw new IllegalStateException("no reply within " + boundMillis + " ms");
  }

  void stop() {
    process.destroy();
  }
}
