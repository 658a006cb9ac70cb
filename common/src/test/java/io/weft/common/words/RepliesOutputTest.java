package io.weft.common.words;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.weft.common.ErrorCode;
import io.weft.common.bus.HostReply;
import io.weft.common.command.Ps;
import io.weft.common.command.Status;
import io.weft.common.net.Cidr;
import io.weft.common.text.ListStyle;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** What ps and status print for one host and for several, in each style. */
class RepliesOutputTest {

  private static final HostReply HOST1 = HostReply.ok("host1", new Ps.Reply(List.of(
      new Ps.Row("3f2a9c0d1e2b4455", "web", 42, "aa:bb:cc:dd:ee:01", List.of(Cidr.parse("10.32.0.1/12")))),
      Optional.of(new Ps.Bridge("weft", "aa:bb:cc:dd:ee:00", List.of()))).toJson());
  private static final HostReply HOST3 = HostReply.ok("host3", new Ps.Reply(List.of(
      new Ps.Row("5e6f7a8b9c0d1e2f", "db", 7, "aa:bb:cc:dd:ee:02", List.of(Cidr.parse("10.32.0.2/12")), "weft")),
      Optional.empty()).toJson());

  private final ByteArrayOutputStream out = new ByteArrayOutputStream();
  private final ByteArrayOutputStream err = new ByteArrayOutputStream();

  @Test
  void severalHostsMakeOneTableWithAHostColumn() {
    assertEquals(0, print("ps", List.of(HOST1, HOST3), true, ListStyle.TABLE));
    assertEquals("""
        HOST      CONTAINER ID   NAME      MAC                 ADDRESSES      DOCKER NETWORK
        host1     weft:expose    weft      aa:bb:cc:dd:ee:00
        host1     3f2a9c0d1e2b   web       aa:bb:cc:dd:ee:01   10.32.0.1/12
        host3     5e6f7a8b9c0d   db        aa:bb:cc:dd:ee:02   10.32.0.2/12   weft
        """, text(out));
  }

  @Test
  void quietAndFormatPrintTheContainersAloneFormatAnyField() {
    print("ps", List.of(HOST1, HOST3), true, new ListStyle(false, true, null));
    assertEquals("3f2a9c0d1e2b\n5e6f7a8b9c0d\n", text(out));
    out.reset();
    print("ps", List.of(HOST1, HOST3), true, new ListStyle(false, false, "{{.Host}} {{.Name}}"));
    assertEquals("host1 web\nhost3 db\n", text(out));
  }

  @Test
  void aFailedHostIsOneLineOnStderrBesideTheOthersTable() {
    HostReply failed = HostReply.failed("host2", ErrorCode.NO_SUCH_HOST, "gone");
    assertEquals(1, print("ps", List.of(HOST1, failed), true, new ListStyle(false, true, null)));
    assertEquals("3f2a9c0d1e2b\n", text(out));
    assertEquals("weft: host2: gone\n", text(err));
  }

  @Test
  void statusOfOneHostIsItsBlockAndOfSeveralATable() {
    Status.Reply one = new Status.Reply("host1", "0.1.0", "10.32.0.0/12", Status.Bridge.absent("weft"), 0,
        Status.Space.NONE);
    HostReply reply = HostReply.ok("host1", one.toJson());
    print("status", List.of(reply), false, ListStyle.TABLE);
    assertEquals(one.text() + "\n", text(out));
    out.reset();
    print("status", List.of(reply, HostReply.ok("host2", one.toJson())), true, ListStyle.TABLE);
    assertEquals(3, text(out).lines().count(), text(out));
    assertEquals(List.of("HOST", "VERSION"), List.of(text(out).split("\\s+")).subList(0, 2));
  }

  @Test
  void quietAndFormatAreForListsAlone() {
    assertThrows(IllegalArgumentException.class,
        () -> new ListStyle(false, true, null).checkedFor(RepliesOutput.columnsOf("attach")));
    assertThrows(IllegalArgumentException.class, () -> new ListStyle(true, true, null));
    assertThrows(IllegalArgumentException.class,
        () -> new ListStyle(false, false, "{{.Host}}").checkedFor(RepliesOutput.columnsOf("ps", false)));
    new ListStyle(false, false, "{{.Host}}").checkedFor(RepliesOutput.columnsOf("ps", true));
  }

  private int print(String verb, List<HostReply> replies, boolean many, ListStyle style) {
    return RepliesOutput.print(verb, replies, many, style, new PrintStream(out, true, StandardCharsets.UTF_8),
        new PrintStream(err, true, StandardCharsets.UTF_8));
  }

  private static String text(ByteArrayOutputStream stream) {
    return stream.toString(StandardCharsets.UTF_8);
  }
}
