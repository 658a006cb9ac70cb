package io.weft.shell.cli;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;

/** One run of the weft command line in this JVM, with what it printed. */
public record CapturedRun(int exitCode, String out, String err) {

  public static CapturedRun of(String... args) {
    return withInput("", args);
  }

  /** A run that reads {@code input} on its standard input, as from a pipe. */
  public static synchronized CapturedRun withInput(String input, String... args) {
    InputStream realIn = System.in;
    System.setIn(new ByteArrayInputStream(input.getBytes(StandardCharsets.UTF_8)));
    PrintStream realOut = System.out;
    PrintStream realErr = System.err;
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
    System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
    try {
      int exit = WeftCli.run(args);
      return new CapturedRun(exit, out.toString(StandardCharsets.UTF_8),
          err.toString(StandardCharsets.UTF_8));
    } finally {
      System.setOut(realOut);
      System.setErr(realErr);
      System.setIn(realIn);
    }
  }

  /** True when stderr is exactly one line, from weft, containing {@code text}. */
  public boolean failedWithOneLine(String text) {
    return err.lines().count() == 1 && err.startsWith("weft: ") && err.contains(text);
  }
}
