package io.weft.shell.sandbox;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.function.Consumer;

/**
 * The machine has one sandbox: its hosts' names and addresses are fixed. A process that runs
 * tests or benchmarks on it holds this lock from its first sandbox to its end, and another such
 * process (from another checkout, say) waits its turn rather than tearing the sandbox down
 * under it. The kernel lets go of the lock when the process ends, however it ends.
 */
public final class SandboxLock {

  private static final Path FILE = Path.of("/run/lock/weft-sandbox.lock");
  private static FileLock held;

  private SandboxLock() {}

  /** Takes the lock for the rest of this process, waiting for its holder; at once when held already. */
  public static synchronized void holdForThisProcess(Consumer<String> progress) {
    if (held != null) {
      return;
    }
    try {
      Files.createDirectories(FILE.getParent());
      FileChannel channel = FileChannel.open(FILE, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
      held = channel.tryLock();
      if (held == null) {
        progress.accept("another process is using the sandbox; waiting for it to finish");
        held = channel.lock();
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot lock " + FILE, e);
    }
  }
}
