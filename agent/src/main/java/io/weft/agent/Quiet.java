package io.weft.agent;

import java.util.List;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The agent's log: one line per record, and the libraries only when something is wrong, so
 * that {@code docker logs weft} reads as the agent's own story.
 */
final class Quiet {

  // Loggers hold their level only while referenced.
  private static final List<Logger> LIBRARIES =
      List.of(Logger.getLogger("com.hazelcast"), Logger.getLogger("io.vertx"), Logger.getLogger("io.netty"));

  /** {@code -Dweft.debug=true} in the agent's JVM options: weft's debug lines in its log. */
  static final String DEBUG_PROPERTY = "weft.debug";
  private static final Logger WEFT = Logger.getLogger("io.weft");
  /**
   * {@code -Dweft.debug.hazelcast=true}: Hazelcast's own story too (joins, members, migrations),
   * for finding out why a fleet does not hold together; a level ({@code fine}) for more of it.
   */
  static final String HAZELCAST_DEBUG_PROPERTY = "weft.debug.hazelcast";
  private static final Logger HAZELCAST = Logger.getLogger("com.hazelcast");

  private static final Logger CP_SUBSYSTEM = Logger.getLogger("com.hazelcast.cp.CPSubsystem");

  private Quiet() {}

  static void configure() {
    System.setProperty("java.util.logging.SimpleFormatter.format", "%1$tT %4$s %3$s: %5$s%6$s%n");
    LIBRARIES.forEach(l -> l.setLevel(Level.WARNING));
    if (Boolean.getBoolean(DEBUG_PROPERTY)) {
      // weft's own debug lines (the start's phases among them), the libraries as quiet as ever
      WEFT.setLevel(Level.FINE);
      for (Handler h : Logger.getLogger("").getHandlers()) {
        h.setLevel(Level.FINE);
      }
    }
    String hazelcast = System.getProperty(HAZELCAST_DEBUG_PROPERTY, "false");
    if (!hazelcast.equals("false")) {
      HAZELCAST.setLevel(hazelcast.equals("true") ? Level.INFO : Level.parse(hazelcast.toUpperCase()));
    }
    // warns on every start that CP structures are unsafe: weft builds nothing on them
    CP_SUBSYSTEM.setLevel(Level.SEVERE);
  }
}
