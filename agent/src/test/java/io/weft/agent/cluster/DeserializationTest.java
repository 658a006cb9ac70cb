package io.weft.agent.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import com.hazelcast.spi.exception.PartitionMigratingException;
import io.weft.agent.UnitLocks;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InvalidClassException;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.io.Serializable;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.LinkedList;
import java.util.SortedSet;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.parallel.ResourceLock;

/**
 * The deserialization filter: the exceptions Hazelcast sends back come through whole, any other
 * class is refused before it is built, and so is anything past the depth, array and byte limits.
 */
@ResourceLock(UnitLocks.BOUNDED_CRYPTO)
class DeserializationTest {

  @Test
  void everyListedClassExistsAndIsSerializable() throws Exception {
    for (String name : Deserialization.CLASSES) {
      Class<?> type = Class.forName(name, false, getClass().getClassLoader());
      Class<?> element = type.isArray() ? type.getComponentType() : type;
      assertTrue(Serializable.class.isAssignableFrom(element), name);
    }
  }

  @Test
  void anExceptionHazelcastSendsBackComesThroughWhole() throws Exception {
    PartitionMigratingException sent = new PartitionMigratingException("partition 7 is moving");
    sent.initCause(new IllegalStateException("why"));
    Object got = read(write(sent));
    assertTrue(got instanceof PartitionMigratingException);
    assertEquals("why", ((Throwable) got).getCause().getMessage());
    assertEquals(sent.getStackTrace().length, ((Throwable) got).getStackTrace().length);
  }

  @Test
  void anyExceptionOfHazelcastsOrTheJdksComesThroughAndNoOtherThrowable() throws Exception {
    Object got = read(write(new com.hazelcast.spi.exception.TargetNotMemberException("gone")));
    assertTrue(got instanceof com.hazelcast.spi.exception.TargetNotMemberException);
    assertTrue(read(write(new java.util.concurrent.TimeoutException("late")))
        instanceof java.util.concurrent.TimeoutException);
    byte[] foreign = write(new ForeignException());
    assertThrows(InvalidClassException.class, () -> read(foreign));
  }

  @Test
  void theExceptionListNamesEveryThrowableOfHazelcastAndTheJdkAndNothingElse() throws Exception {
    SortedSet<String> expected = ExceptionClasses.ofHazelcastAndTheJdk();
    SortedSet<String> listed = new TreeSet<>(Deserialization.EXCEPTIONS);
    boolean agentsJdk = Runtime.version().feature() == AGENTS_JAVA;
    SortedSet<String> compared = new TreeSet<>(listed);
    if (!agentsJdk) {
      // another JDK has other exceptions of its own: only Hazelcast's part is compared then
      compared.removeIf(name -> name.startsWith("java."));
      expected.removeIf(name -> name.startsWith("java."));
    }
    if (!compared.equals(expected)) {
      Path written = Path.of("target", Deserialization.EXCEPTIONS_FILE);
      Files.createDirectories(written.getParent());
      Files.writeString(written, LIST_HEADER + String.join("\n", ExceptionClasses.ofHazelcastAndTheJdk()) + "\n");
      SortedSet<String> missing = new TreeSet<>(expected);
      missing.removeAll(compared);
      SortedSet<String> extra = new TreeSet<>(compared);
      extra.removeAll(expected);
      fail("the list of exceptions is not the Throwables of the Hazelcast on the class path and the JDK's: "
          + missing.size() + " missing " + first(missing) + ", " + extra.size() + " extra " + first(extra)
          + "; the right list is in " + written.toAbsolutePath()
          + " (made on Java " + Runtime.version().feature() + "): copy it to agent/src/main/resources/io/weft/agent/cluster/");
    }
  }

  private static final int AGENTS_JAVA = 17;
  private static final String LIST_HEADER = "# Every Throwable class of the Hazelcast weft ships and of the JDK's java.base under java.\n"
      + "# (Java " + AGENTS_JAVA + ", the agent's): the exceptions a member may rebuild from another's bytes.\n"
      + "# Made by DeserializationTest, which fails when this is not exactly that set.\n";

  private static String first(SortedSet<String> names) {
    return names.stream().limit(5).toList() + (names.size() > 5 ? "..." : "");
  }

  /** A Throwable of no library weft trusts. */
  static final class ForeignException extends RuntimeException {}

  @Test
  void anyOtherClassIsRefused() throws Exception {
    HashMap<String, String> map = new HashMap<>();
    map.put("a", "b");
    byte[] bytes = write(map);
    assertThrows(InvalidClassException.class, () -> read(bytes));
  }

  @Test
  void theLimitsHold() throws Exception {
    // deeper than the bound: exceptions nested in their causes
    Throwable deep = new RuntimeException("0");
    for (int i = 1; i < Deserialization.MAX_DEPTH; i++) {
      deep = new RuntimeException(String.valueOf(i), deep);
    }
    byte[] tooDeep = write(deep);
    assertThrows(InvalidClassException.class, () -> read(tooDeep));
    // a primitive array longer than the bound
    byte[] tooLong = write(new int[Deserialization.MAX_ARRAY + 1]);
    assertThrows(InvalidClassException.class, () -> read(tooLong));
    // more bytes than the bound
    RuntimeException big = new RuntimeException("x".repeat((int) Deserialization.MAX_BYTES));
    byte[] tooBig = write(big);
    assertThrows(IOException.class, () -> read(tooBig));
  }

  @Test
  void theAuditAdmitsAndRemembers() throws Exception {
    LinkedList<String> list = new LinkedList<>();
    list.add("x");
    ByteArrayInputStream in = new ByteArrayInputStream(write(list));
    try (ObjectInputStream objects = new ObjectInputStream(in)) {
      objects.setObjectInputFilter(Deserialization.filter(true));
      assertEquals(list, objects.readObject());
    }
    assertTrue(Deserialization.seen().contains("java.util.LinkedList"));
  }

  private static byte[] write(Object o) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try (ObjectOutputStream objects = new ObjectOutputStream(out)) {
      objects.writeObject(o);
    }
    return out.toByteArray();
  }

  private static Object read(byte[] bytes) throws Exception {
    try (ObjectInputStream objects = new ObjectInputStream(new ByteArrayInputStream(bytes))) {
      objects.setObjectInputFilter(Deserialization.filter(false));
      return objects.readObject();
    }
  }
}
