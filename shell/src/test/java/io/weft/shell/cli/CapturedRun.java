package io.weft.shell.cli;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;

/** One run of the weft command line in this JVM, with what it printed. */
public record CapturedRun(int exitCode, String out, String err) {

  private static final ThreadLocal<PrintStream> OUT = new ThreadLocal<>();
  private static final ThreadLocal<PrintStream> ERR = new ThreadLocal<>();
  // inherited: a reader thread the run starts (a line editor's) reads the run's input
  private static final InheritableThreadLocal<InputStream> IN = new InheritableThreadLocal<>();
  private static boolean routed;

  public static CapturedRun of(String... args) {
    return withInput("", args);
  }

  /**
   * A run that reads {@code input} on its standard input, as from a pipe. Runs on several threads
   * at once keep apart: each reads its own input and what its thread prints is its output; what
   * other threads print meanwhile goes on to the console.
   */
  public static CapturedRun withInput(String input, String... args) {
    routeByThread();
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    IN.set(new ByteArrayInputStream(input.getBytes(StandardCharsets.UTF_8)));
    OUT.set(new PrintStream(out, true, StandardCharsets.UTF_8));
    ERR.set(new PrintStream(err, true, StandardCharsets.UTF_8));
    try {
      int exit = WeftCli.run(args);
      return new CapturedRun(exit, out.toString(StandardCharsets.UTF_8),
          err.toString(StandardCharsets.UTF_8));
    } finally {
      OUT.remove();
      ERR.remove();
      IN.remove();
    }
  }

  /** True when stderr is exactly one line, from weft, containing {@code text}. */
  public boolean failedWithOneLine(String text) {
    return err.lines().count() == 1 && err.startsWith("weft: ") && err.contains(text);
  }

  /** System.in, out and err, once for the JVM: to a run's own on its thread, else as before. */
  private static synchronized void routeByThread() {
    if (!routed) {
      System.setOut(routed(System.out, OUT));
      System.setErr(routed(System.err, ERR));
      System.setIn(routed(System.in));
      routed = true;
    }
  }

  private static InputStream routed(InputStream console) {
    return new InputStream() {
      @Override
      public int read() throws IOException {
        return source().read();
      }

      @Override
      public int read(byte[] bytes, int offset, int length) throws IOException {
        return source().read(bytes, offset, length);
      }

      @Override
      public int available() throws IOException {
        return source().available();
      }

      private InputStream source() {
        InputStream own = IN.get();
        return own != null ? own : console;
      }
    };
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
