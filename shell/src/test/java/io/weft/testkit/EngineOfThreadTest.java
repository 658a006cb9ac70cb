package io.weft.testkit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import io.weft.docker.engine.DockerClients;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import org.junit.jupiter.api.Test;

class EngineOfThreadTest {

  @Test
  void eachThreadSeesItsOwnEngineAndThreadsItStartsSeeItToo() throws Exception {
    CountDownLatch bothIn = new CountDownLatch(2);
    CompletableFuture<String> first = CompletableFuture.supplyAsync(() -> EngineOfThread.with("tcp://a:2375",
        () -> seenOnceBothAreIn(bothIn)));
    CompletableFuture<String> second = CompletableFuture.supplyAsync(() -> EngineOfThread.with("tcp://b:2375",
        () -> seenOnceBothAreIn(bothIn)));
    assertEquals("tcp://a:2375 tcp://a:2375", first.get());
    assertEquals("tcp://b:2375 tcp://b:2375", second.get());
    assertNull(System.getProperty(DockerClients.HOST_PROPERTY), "none outside a run");
  }

  @Test
  void aRunsOwnPropertiesAreSeenByItAlone() throws Exception {
    String key = "weft.test.own";
    CompletableFuture<String> other = new CompletableFuture<>();
    String seen = EngineOfThread.with("tcp://a:2375", Map.of(key, "mine"), () -> {
      new Thread(() -> other.complete(System.getProperty(key))).start();
      return System.getProperty(key);
    });
    assertEquals("mine", seen);
    assertEquals("mine", other.get(), "a thread the run starts sees it too");
    assertNull(System.getProperty(key), "none outside the run");
    assertNull(CompletableFuture.supplyAsync(() -> System.getProperty(key)).get(), "nor on another thread");
  }

  /** The property as this thread sees it and as a thread it starts sees it, once both runs are in. */
  private static String seenOnceBothAreIn(CountDownLatch bothIn) {
    bothIn.countDown();
    try {
      bothIn.await();
      CompletableFuture<String> started = new CompletableFuture<>();
      new Thread(() -> started.complete(System.getProperty(DockerClients.HOST_PROPERTY))).start();
      return System.getProperty(DockerClients.HOST_PROPERTY) + " " + started.get();
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }
}
