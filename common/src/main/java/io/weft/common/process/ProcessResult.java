package io.weft.common.process;

/**
 * What a finished program left behind: its exit status and what it printed. The same for a
 * program on this machine, an exec in a container and a one-shot container.
 */
public record ProcessResult(int exitCode, String stdout, String stderr) {

  /** The last line of standard error: a program's own words on why it failed. */
  public String lastErrorLine() {
    String[] lines = stderr.strip().split("\n");
    return lines[lines.length - 1];
  }
}
