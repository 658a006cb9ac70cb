package io.weft.shell.cli;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;

/** One run of the weft command line in this JVM, with what it printed. */
public record CapturedRun(int exitCode, String out, String err) {

  private static final ThreadLocal<PrintStream> OUT = new ThreadLocal<>();
  private static final ThreadLocal<PrintStream> ERR = new ThreadLocal<>();
  private static boolean routed;

  public static CapturedRun of(String... args) {
    return withInput("", args);
  }

  /**
   * A run that reads {@code input} on its standard input, as from a pipe. What the run's thread
   * prints is its output; what other threads print meanwhile (tests running beside it) goes on
   * to the console.
   */
  public static synchronized CapturedRun withInput(String input, String... args) {
    routeByThread();
    InputStream realIn = System.in;
    System.setIn(new ByteArrayInputStream(input.getBytes(StandardCharsets.UTF_8)));
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    OUT.set(new PrintStream(out, true, StandardCharsets.UTF_8));
    ERR.set(new PrintStream(err, true, StandardCharsets.UTF_8));
    try {
      int exit = WeftCli.run(args);
      return new CapturedRun(exit, out.toString(StandardCharsets.UTF_8),
          err.toString(StandardCharsets.UTF_8));
    } finally {
      OUT.remove();
      ERR.remove();
      System.setIn(realIn);
    }
  }

  /** True when stderr is exactly one line, from weft, containing {@code text}. */
  public boolean failedWithOneLine(String text) {
    return err.lines().count() == 1 && err.startsWith("weft: ") && err.contains(text);
  }

  /** System.out and System.err, once for the JVM: to a run's capture on its thread, else as before. */
  private static void routeByThread() {
    if (!routed) {
      System.setOut(routed(System.out, OUT));
      System.setErr(routed(System.err, ERR));
      routed = true;
    }
  }

  private static PrintStream routed(PrintStream console, ThreadLocal<PrintStream> capture) {
    return new PrintStream(new OutputStream() {
      @Override
      public void write(int b) {
        target().write(b);
      }

      @Override
      public void write(byte[] bytes, int offset, int length) {
        target().write(bytes, offset, length);
      }

      @Override
      public void flush() {
        target().flush();
      }

      private PrintStream target() {
        PrintStream captured = capture.get();
        return captured != null ? captured : console;
      }
    }, true, StandardCharsets.UTF_8);
  }
}
