package io.weft.shell.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.weft.common.WeftVersion;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

class CapturedRunTest {

  @Test
  void runsOnSeveralThreadsAtOnceEachKeepTheirOwnOutput() throws Exception {
    ExecutorService pool = Executors.newFixedThreadPool(4);
    try {
      List<Future<CapturedRun>> versions = new ArrayList<>();
      List<Future<CapturedRun>> mistakes = new ArrayList<>();
      for (int i = 0; i < 20; i++) {
        versions.add(pool.submit(() -> CapturedRun.of("version")));
        mistakes.add(pool.submit(() -> CapturedRun.of("frobnicate")));
        pool.submit(() -> System.out.println("a line printed beside the runs"));
      }
      for (Future<CapturedRun> version : versions) {
        CapturedRun run = version.get();
        assertEquals(0, run.exitCode(), run.err());
        assertEquals("weft " + WeftVersion.get() + "\n", run.out());
        assertEquals("", run.err());
      }
      for (Future<CapturedRun> mistake : mistakes) {
        CapturedRun run = mistake.get();
        assertEquals(2, run.exitCode());
        assertEquals("", run.out());
        assertTrue(run.failedWithOneLine("frobnicate"), run.err());
      }
    } finally {
      pool.shutdownNow();
    }
  }
}
