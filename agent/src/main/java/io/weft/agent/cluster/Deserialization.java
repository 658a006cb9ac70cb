package io.weft.agent.cluster;

import com.hazelcast.config.Config;
import com.hazelcast.config.JavaSerializationFilterConfig;
import java.io.ObjectInputFilter;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.logging.Logger;

/**
 * What Java deserialization may rebuild from another member's bytes: these exact classes and
 * nothing else, within limits on depth, references, array length and bytes. weft's own maps
 * hold strings and vertx-hazelcast's hold its own data-serializable records, which Java
 * serialization never touches; what does travel that way is the exceptions Hazelcast sends back
 * in operation replies (a member left, a partition moved), with their JDK parts. The list is
 * what a fleet put through kills, restarts, reboots and a split saw travel with {@value
 * #AUDIT_PROPERTY} on, and what reading Hazelcast's operations adds.
 *
 * <p>Two filters hold it: Hazelcast's own (class names, checked before a class is loaded) and
 * the JVM's ({@link ObjectInputFilter}, which alone can bound depth and sizes). Nothing else in
 * the agent uses Java deserialization, so the JVM-wide filter costs nothing elsewhere.
 */
public final class Deserialization {

  /** {@code -Dweft.serial.audit=true}: any class is admitted within the limits, and logged once. */
  public static final String AUDIT_PROPERTY = "weft.serial.audit";
  static final int MAX_DEPTH = 32;
  static final int MAX_REFERENCES = 10_000;
  static final int MAX_ARRAY = 4_096;
  static final long MAX_BYTES = 1 << 20;
  /** The resource beside this class that names {@link #EXCEPTIONS}, one per line. */
  static final String EXCEPTIONS_FILE = "deserializable-exceptions.txt";

  /**
   * The exact classes besides the exceptions: a Throwable's parts, as seen travelling in a
   * four-host fleet whose agents were killed, restarted, rebooted and split off with the audit on.
   */
  static final Set<String> CLASSES = Set.of(
      "java.lang.StackTraceElement", "[Ljava.lang.StackTraceElement;",
      "java.util.Collections$EmptyList", "java.util.ArrayList");

  /**
   * The exception classes an operation's reply may carry, named one by one: every Throwable in
   * the Hazelcast weft ships and in the JDK's {@code java.base} under {@code java.} (a join once
   * failed on one the audit had not seen). An exception's own state is a message, a cause and a
   * stack; whatever else it holds meets this filter again, class by class. {@code
   * DeserializationTest} fails when the list is not exactly that set for the Hazelcast on the
   * class path, and writes the right one beside the test reports.
   */
  static final Set<String> EXCEPTIONS = readList(EXCEPTIONS_FILE);

  private static final Logger LOG = Logger.getLogger(Deserialization.class.getName());
  private static final Set<String> SEEN = ConcurrentHashMap.newKeySet();
  private static volatile boolean installed;

  private Deserialization() {}

  /** Hazelcast's filter in {@code config}, and the JVM's filter (once per JVM). */
  static void apply(Config config) {
    boolean audit = Boolean.getBoolean(AUDIT_PROPERTY);
    if (!audit) {
      JavaSerializationFilterConfig filter =
          new JavaSerializationFilterConfig().setDefaultsDisabled(true);
      // Hazelcast's filter goes by name, before a class is loaded; the JVM's adds the limits
      filter.getWhitelist().addClasses(CLASSES.toArray(String[]::new));
      filter.getWhitelist().addClasses(EXCEPTIONS.toArray(String[]::new));
      config.getSerializationConfig().setJavaSerializationFilterConfig(filter);
    }
    installJvmFilter(audit);
  }

  private static synchronized void installJvmFilter(boolean audit) {
    if (installed) {
      return;
    }
    try {
      ObjectInputFilter.Config.setSerialFilter(filter(audit));
      installed = true;
    } catch (IllegalStateException alreadySet) {
      // a jdk.serialFilter given to the JVM stands; Hazelcast's own filter still holds the classes
      LOG.warning("the JVM's deserialization filter was set already; keeping it");
      installed = true;
    }
  }

  private static Set<String> readList(String resource) {
    try (var in = Deserialization.class.getResourceAsStream(resource)) {
      if (in == null) {
        throw new IllegalStateException("the agent's jar lacks " + resource);
      }
      Set<String> names = new TreeSet<>();
      new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8).lines()
          .map(String::strip).filter(l -> !l.isEmpty() && !l.startsWith("#")).forEach(names::add);
      return Set.copyOf(names);
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException("cannot read " + resource, e);
    }
  }

  /** The JVM's filter: the limits, then the exact classes ({@code audit}: any class, logged). */
  static ObjectInputFilter filter(boolean audit) {
    return info -> {
      if (info.depth() > MAX_DEPTH || info.references() > MAX_REFERENCES
          || info.streamBytes() > MAX_BYTES
          || info.arrayLength() > MAX_ARRAY) {
        LOG.warning("refused a deserialization past its limits (depth " + info.depth()
            + ", references " + info.references() + ", bytes " + info.streamBytes()
            + ", array " + info.arrayLength() + ")");
        return ObjectInputFilter.Status.REJECTED;
      }
      Class<?> type = info.serialClass();
      if (type == null) {
        return ObjectInputFilter.Status.UNDECIDED;
      }
      Class<?> element = type;
      while (element.isArray()) {
        element = element.getComponentType();
      }
      if (element.isPrimitive()) {
        return ObjectInputFilter.Status.ALLOWED;
      }
      if (audit) {
        if (SEEN.add(type.getName())) {
          LOG.warning("deserialization audit: " + type.getName());
        }
        return ObjectInputFilter.Status.ALLOWED;
      }
      if (CLASSES.contains(type.getName()) || EXCEPTIONS.contains(type.getName())) {
        return ObjectInputFilter.Status.ALLOWED;
      }
      LOG.warning("refused to deserialize a " + type.getName() + " sent by a member");
      return ObjectInputFilter.Status.REJECTED;
    };
  }

  /** The classes this JVM's audit has seen so far, sorted. */
  static Set<String> seen() {
    return new TreeSet<>(SEEN);
  }
}
