package io.weft.shell.cli;

import io.weft.common.WeftVersion;
import picocli.CommandLine.Command;

@Command(name = "version", mixinStandardHelpOptions = true, description = "Print weft's version.")
final class VersionCommand implements Runnable {
  @Override
  public void run() {
    System.out.println("weft " + WeftVersion.get());
  }
}
