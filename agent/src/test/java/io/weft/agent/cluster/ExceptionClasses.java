package io.weft.agent.cluster;

import com.hazelcast.core.HazelcastInstance;
import java.io.IOException;
import java.net.URI;
import java.nio.file.FileSystem;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.SortedSet;
import java.util.TreeSet;
import java.util.jar.JarFile;
import java.util.stream.Stream;

/**
 * Every Throwable class in Hazelcast's jar and in the JDK's {@code java.base} under {@code java.}:
 * what {@link Deserialization}'s list must name, exactly, for the Hazelcast on the class path.
 */
final class ExceptionClasses {

  private ExceptionClasses() {}

  static SortedSet<String> ofHazelcastAndTheJdk() throws Exception {
    SortedSet<String> names = new TreeSet<>();
    Path jar = Path.of(HazelcastInstance.class.getProtectionDomain().getCodeSource().getLocation().toURI());
    try (JarFile file = new JarFile(jar.toFile())) {
      file.stream().map(e -> e.getName()).filter(n -> n.startsWith("com/hazelcast/"))
          .forEach(n -> addIfThrowable(n, names));
    }
    FileSystem jrt = FileSystems.getFileSystem(URI.create("jrt:/"));
    Path base = jrt.getPath("/modules/java.base");
    try (Stream<Path> files = Files.walk(base.resolve("java"))) {
      files.map(p -> base.relativize(p).toString()).forEach(n -> addIfThrowable(n, names));
    } catch (IOException e) {
      throw new IllegalStateException("cannot read the JDK's classes", e);
    }
    return names;
  }

  private static void addIfThrowable(String path, SortedSet<String> names) {
    if (!path.endsWith(".class") || path.endsWith("module-info.class") || path.endsWith("package-info.class")) {
      return;
    }
    String name = path.substring(0, path.length() - ".class".length()).replace('/', '.');
    try {
      Class<?> type = Class.forName(name, false, ExceptionClasses.class.getClassLoader());
      if (Throwable.class.isAssignableFrom(type)) {
        names.add(name);
      }
    } catch (LinkageError | ClassNotFoundException optional) {
      // a class of an optional dependency Hazelcast does not bring: it cannot be sent either
    }
  }
}
