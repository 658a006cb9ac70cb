package io.weft.shell.fleet;

import io.weft.testkit.Await;
import io.weft.testkit.FleetHost;
import io.weft.testkit.TempPaths;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

/**
 * UDP datagrams between containers of the sandbox's hosts, sent and received by the machine's
 * socat in the containers' network namespaces.
 */
final class ContainerDatagrams implements AutoCloseable {

  private static final Duration BOUND = Duration.ofSeconds(30);
  private final Path file;
  private final Process socat;

  private ContainerDatagrams(Path file, Process socat) {
    this.file = file;
    this.socat = socat;
  }

  /** Keeps what arrives at UDP {@code port} of {@code container}; returns once it listens. */
  static ContainerDatagrams listen(FleetHost host, String container, int port) throws IOException {
    Path out = TempPaths.file("received", ".txt");
    Process p = new ProcessBuilder("nsenter", "--net=/proc/" + host.pid(container) + "/ns/net", "timeout", "300",
        "socat", "-u", "UDP-RECV:" + port + ",reuseaddr", "STDOUT").redirectOutput(out.toFile())
        .redirectError(ProcessBuilder.Redirect.DISCARD).start();
    ContainerDatagrams received = new ContainerDatagrams(out, p);
    Await.until("socat listens on " + port, BOUND, () -> host.inContainer(container, "ss", "-Hlun", "sport", "=",
        String.valueOf(port)).runAllowingFailure().stdout().contains(":" + port));
    return received;
  }

  /** Sends {@code text} from {@code container} of {@code host} to {@code to}:{@code port} until it arrives here. */
  void sendUntilReceived(FleetHost host, String container, String text, String to, int port) {
    Await.until(text + " arrives", BOUND, () -> {
      host.inContainer(container, "bash", "-c", "printf %s \"$1\" | socat -u STDIN UDP-SENDTO:" + to + ":" + port,
          "send", text).run();
      return got().contains(text);
    });
  }

  /** Everything received so far. */
  String got() {
    try {
      return Files.readString(file, StandardCharsets.ISO_8859_1);
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }

  @Override
  public void close() {
    socat.destroyForcibly();
  }
}
