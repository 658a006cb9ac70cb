package io.weft.testkit;

import io.weft.docker.engine.DockerClients;
import java.util.Map;
import java.util.Properties;
import java.util.function.Supplier;

/**
 * The engine a command line run in this JVM speaks to, thread by thread. The command line takes
 * its engine from a system property ({@link DockerClients#HOST_PROPERTY}) when set, which is one
 * for the whole JVM; the kit's runs on several threads at once (classes side by side, hosts
 * launched together) each see their own host there instead.
 */
final class EngineOfThread {

  // inherited: a thread the run starts (the engine's ping) speaks to the run's engine
  private static final InheritableThreadLocal<String> HOST = new InheritableThreadLocal<>();
  /** Other properties a run sets for itself alone (weft run's way to Docker, say). */
  private static final InheritableThreadLocal<Map<String, String>> OWN = new InheritableThreadLocal<>();
  private static boolean installed;

  private EngineOfThread() {}

  /** {@code work}, with the command line of this thread (and those it starts) at {@code dockerHost}. */
  static <T> T with(String dockerHost, Supplier<T> work) {
    return with(dockerHost, Map.of(), work);
  }

  /** {@code work} as above, with {@code properties} seen by this thread (and those it starts) alone. */
  static <T> T with(String dockerHost, Map<String, String> properties, Supplier<T> work) {
    install();
    HOST.set(dockerHost);
    OWN.set(properties);
    try {
      return work.get();
    } finally {
      HOST.remove();
      OWN.remove();
    }
  }

  private static synchronized void install() {
    if (!installed) {
      System.setProperties(new ByThread(System.getProperties()));
      installed = true;
    }
  }

  /** The JVM's properties, with this thread's engine, when it has one, as the property. */
  private static final class ByThread extends Properties {

    ByThread(Properties all) {
      putAll(all);
    }

    @Override
    public String getProperty(String key) {
      if (DockerClients.HOST_PROPERTY.equals(key)) {
        String host = HOST.get();
        if (host != null) {
          return host;
        }
      }
      Map<String, String> own = OWN.get();
      if (own != null && own.containsKey(key)) {
        return own.get(key);
      }
      return super.getProperty(key);
    }
  }
}
