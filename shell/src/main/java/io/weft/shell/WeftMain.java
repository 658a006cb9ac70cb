package io.weft.shell;

import io.weft.shell.cli.WeftCli;

/** The {@code weft} command line. */
public final class WeftMain {

  private WeftMain() {}

  public static void main(String[] args) {
    System.exit(WeftCli.run(args));
  }
}
