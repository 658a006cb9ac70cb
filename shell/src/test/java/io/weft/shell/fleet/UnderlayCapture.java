package io.weft.shell.fleet;

import static org.junit.jupiter.api.Assertions.assertTrue;

import io.weft.common.process.HostProcess;
import io.weft.testkit.Await;
import io.weft.testkit.FleetHost;
import io.weft.testkit.TempPaths;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

/**
 * What crosses the sandbox's underlay between two hosts, captured by tcpdump on the first host's
 * port of the underlay's bridge (the bridge device itself sees only what is for the machine).
 */
final class UnderlayCapture implements AutoCloseable {

  private static final Duration BOUND = Duration.ofSeconds(30);
  private final Path file;
  private final Process tcpdump;

  private UnderlayCapture(Path file, Process tcpdump) {
    this.file = file;
    this.tcpdump = tcpdump;
  }

  /** Starts capturing every packet between {@code a} and {@code b}; returns once tcpdump listens. */
  static UnderlayCapture between(FleetHost a, FleetHost b) throws IOException {
    Path file = TempPaths.file("underlay", ".pcap");
    Path log = TempPaths.file("tcpdump", ".log");
    String link = a.sandboxHost().underlayLink();
    Process p = new ProcessBuilder("tcpdump", "--immediate-mode", "-U", "-s", "0", "-i", link, "-w", file.toString(),
        "host " + a.address() + " and host " + b.address()).redirectErrorStream(true).redirectOutput(log.toFile()).start();
    UnderlayCapture capture = new UnderlayCapture(file, p);
    Await.until("tcpdump listens on " + link, BOUND, () -> read(log).contains("listening on"));
    return capture;
  }

  /** Waits until something was captured, then stops: tcpdump writes what it holds and ends. */
  void stopOnceAnyCaptured() throws InterruptedException {
    Await.until("the capture holds what crossed", BOUND, () -> count("") > 0);
    tcpdump.destroy();
    assertTrue(tcpdump.waitFor(10, TimeUnit.SECONDS), "tcpdump ends");
  }

  /** The captured packets that match tcpdump's {@code filter}, one line each. */
  String packets(String filter) {
    return HostProcess.of("tcpdump", "-nn", "-r", file.toString(), filter).runAllowingFailure().stdout();
  }

  int count(String filter) {
    return (int) packets(filter).lines().filter(l -> !l.isBlank()).count();
  }

  /** Whether {@code text} is anywhere in the captured bytes, in clear. */
  boolean contains(String text) throws IOException {
    byte[] haystack = Files.readAllBytes(file);
    byte[] needle = text.getBytes(StandardCharsets.US_ASCII);
    outer:
    for (int i = 0; i + needle.length <= haystack.length; i++) {
      for (int j = 0; j < needle.length; j++) {
        if (haystack[i + j] != needle[j]) {
          continue outer;
        }
      }
      return true;
    }
    return false;
  }

  @Override
  public void close() {
    tcpdump.destroyForcibly();
  }

  private static String read(Path file) {
    try {
      return Files.readString(file, StandardCharsets.ISO_8859_1);
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }
}
