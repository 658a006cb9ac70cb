package io.weft.agent.tls;

import io.weft.common.ErrorCode;
import io.weft.common.WeftException;
import io.weft.common.agent.FleetPassword;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The key derivation in a JVM of its own, started by the agent and gone when it is done: Argon2id
 * holds all of its memory (64 MiB) on the Java heap while it works, which would leave the agent's
 * heap grown, or not fit it at all (96 MB). The child reads its request on standard input (the
 * password never appears on a command line) and answers one line on standard output: the master
 * secret, how long it took and its own peak resident memory, which the agent logs.
 */
public final class IsolatedDerivation {

  /** A derivation at the standard cost takes about a second; this bounds a stuck child. */
  static final Duration BOUND = Duration.ofSeconds(45);
  /** Beyond Argon2id's blocks, the child's heap needs little: its own classes and buffers. */
  private static final int HEAP_BEYOND_MEMORY_MB = 48;

  /** What a child made, and what it cost. */
  public record Outcome(KeyDerivation keys, long millis, long peakKiB) {}

  private IsolatedDerivation() {}

  /** Derives {@code password}'s keys in {@code salt}'s scheme at {@code cost}, in a child JVM. */
  public static Outcome derive(FleetPassword password, FleetSalt salt, DerivationCost cost) {
    List<String> command = new ArrayList<>(List.of(
        Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        "-XX:+UseSerialGC", "-XX:-UsePerfData", "-Xss512k",
        "-Xmx" + (cost.memoryKiB() * 9 / 8 / 1024 + HEAP_BEYOND_MEMORY_MB) + "m",
        "-cp", System.getProperty("java.class.path"), IsolatedDerivation.class.getName()));
    Process child;
    try {
      child = new ProcessBuilder(command).redirectErrorStream(false).start();
    } catch (IOException e) {
      throw failed("cannot start a JVM for it: " + e.getMessage());
    }
    try {
      try (OutputStream in = child.getOutputStream()) {
        byte[] text = password.bytes();
        String request = salt + "\n" + cost.memoryKiB() + " " + cost.passes() + " " + cost.lanes()
            + " " + cost.iterations() + "\n" + Base64.getEncoder().encodeToString(text) + "\n";
        java.util.Arrays.fill(text, (byte) 0);
        in.write(request.getBytes(StandardCharsets.US_ASCII));
      }
      if (!child.waitFor(BOUND.toMillis(), TimeUnit.MILLISECONDS)) {
        throw failed("it took longer than " + BOUND.toSeconds() + " s");
      }
      String answer = new String(child.getInputStream().readAllBytes(), StandardCharsets.US_ASCII).strip();
      if (child.exitValue() != 0 || !answer.startsWith("master ")) {
        String why = new String(child.getErrorStream().readAllBytes(), StandardCharsets.UTF_8).strip();
        throw failed("its JVM ended with status " + child.exitValue() + ": "
            + (why.isEmpty() ? "no word" : why.lines().reduce((a, b) -> b).orElse(why)));
      }
      String[] words = answer.split(" ");
      return new Outcome(KeyDerivation.fromMaster(HexFormat.of().parseHex(words[1])),
          Long.parseLong(words[3]), Long.parseLong(words[5]));
    } catch (IOException e) {
      throw failed(e.getMessage());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw failed("interrupted");
    } finally {
      child.destroyForcibly();
    }
  }

  private static WeftException failed(String why) {
    return new WeftException(ErrorCode.AGENT_FAILED, "deriving the fleet keys failed: " + why);
  }

  /** The child: one request on standard input, one answer on standard output. */
  public static void main(String[] args) throws IOException {
    PrintStream out = System.out;
    BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.US_ASCII));
    try {
      FleetSalt salt = FleetSalt.parse(in.readLine());
      String[] cost = in.readLine().split(" ");
      FleetPassword password = FleetPassword.of(
          new String(Base64.getDecoder().decode(in.readLine()), StandardCharsets.UTF_8));
      long start = System.nanoTime();
      KeyDerivation keys = KeyDerivation.derive(password, salt, new DerivationCost(
          Integer.parseInt(cost[0]), Integer.parseInt(cost[1]), Integer.parseInt(cost[2]),
          Integer.parseInt(cost[3])));
      long millis = (System.nanoTime() - start) / 1_000_000;
      out.println("master " + HexFormat.of().formatHex(keys.master()) + " millis " + millis
          + " peakKiB " + peakKiB());
      out.flush();
    } catch (RuntimeException e) {
      System.err.println(e.getClass().getSimpleName() + ": " + e.getMessage());
      System.exit(1);
    }
  }

  /** This process's peak resident memory (Linux's VmHWM), or -1 where it cannot be read. */
  private static long peakKiB() {
    try {
      return Files.readAllLines(Path.of("/proc/self/status")).stream()
          .filter(l -> l.startsWith("VmHWM:")).map(l -> l.replaceAll("[^0-9]", ""))
          .mapToLong(Long::parseLong).findFirst().orElse(-1);
    } catch (IOException | RuntimeException e) {
      return -1;
    }
  }
}
