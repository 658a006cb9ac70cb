package io.weft.agent.netlink.wire;

import static org.junit.jupiter.api.Assertions.*;

import io.weft.agent.netlink.AlreadyExistsException;
import io.weft.agent.netlink.BusyException;
import io.weft.agent.netlink.DumpInterruptedException;
import io.weft.agent.netlink.NetlinkException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The execute loop on scripted kernel replies: sequence matching, dumps, errors with ext-ack. */
class ExchangeTest {

  /** Replays datagrams; a message whose seq is 0 gets the request's seq, 0xffffffff the previous one. */
  static final class ScriptedTransport implements Transport {
    final Deque<byte[]> datagrams = new ArrayDeque<>();
    ByteBuffer sent;
    int seq;

    ScriptedTransport reply(String... messagesHex) {
      StringBuilder sb = new StringBuilder();
      for (String m : messagesHex) {
        sb.append(m);
      }
      datagrams.add(Hex.bytes(sb.toString()));
      return this;
    }

    @Override
    public void send(ByteBuffer message) {
      sent = ByteBuffer.allocate(message.remaining()).order(ByteOrder.nativeOrder()).put(message.duplicate()).flip();
      seq = sent.getInt(8);
    }

    @Override
    public void receive(ByteBuffer into) {
      ByteBuffer d = ByteBuffer.wrap(datagrams.remove()).order(ByteOrder.nativeOrder());
      for (int pos = 0; pos < d.limit(); pos += NlConst.align(d.getInt(pos))) {
        int s = d.getInt(pos + 8);
        d.putInt(pos + 8, s == 0 ? seq : s == -1 ? seq - 1 : s);
      }
      into.clear();
      into.put(d).flip();
    }

    @Override
    public void close() {}
  }

  private ScriptedTransport kernel;
  private Exchange exchange;

  @BeforeEach
  void setUp() {
    Hex.assumeLittleEndian();
    kernel = new ScriptedTransport();
    exchange = new Exchange(kernel);
  }

  private static ByteBuffer request() {
    MessageBuilder b = MessageBuilder.onHeap(RtmType.NEWLINK, NlConst.NLM_F_CREATE);
    IfInfoMsg.of(0).write(b);
    return b.finish();
  }

  private static final String ACK = "24000000 0200 0001 00000000 00000000 | 00000000 | 20000000 1000 0504 00000000 00000000";
  private static final String LINK_LO = "20000000 1000 0200 00000000 00000000 | 00000000 01000000 00000000 00000000";
  private static final String DONE = "14000000 0300 0200 00000000 00000000 | 00000000";

  @Test
  void stampsASequenceNumberAndAcksFlagsAndReturnsOnTheAck() {
    kernel.reply(ACK);
    assertEquals(List.of(), exchange.execute(request(), "linkAdd(bridge weft)"));
    int flags = kernel.sent.getShort(6);
    assertEquals(NlConst.NLM_F_REQUEST | NlConst.NLM_F_ACK | NlConst.NLM_F_CREATE, flags);
    assertNotEquals(0, kernel.sent.getInt(8));
  }

  @Test
  void anErrorWithExtendedAckBecomesATypedExceptionWithTheKernelsText() {
    kernel.reply("3c000000 0200 0003 00000000 00000000"   // NLMSG_ERROR, CAPPED|ACK_TLVS
        + "efffffff"                                   // error -17 (EEXIST)
        + "20000000 1000 0504 00000000 00000000"       // the request's header, echoed (capped)
        + "1800 0100 4c696e6b20616c726561647920657869737473 00" // NLMSGERR_ATTR_MSG "Link already exists"
        );
    WireException wire = assertThrows(WireException.class, () -> exchange.execute(request(), "linkAdd(bridge weft)"));
    AlreadyExistsException e = assertInstanceOf(AlreadyExistsException.class, NetlinkException.of(wire));
    assertEquals("linkAdd(bridge weft) failed: File exists (EEXIST): Link already exists", e.getMessage());
    assertEquals(17, e.errno());
    assertEquals("Link already exists", e.kernelMessage());
  }

  @Test
  void anErrorWithoutExtendedAckHasOnlyTheErrno() {
    kernel.reply("24000000 0200 0000 00000000 00000000 | f0ffffff | 20000000 1000 0504 00000000 00000000");
    WireException wire = assertThrows(WireException.class, () -> exchange.execute(request(), "linkDel(weft)"));
    BusyException e = assertInstanceOf(BusyException.class, NetlinkException.of(wire));
    assertEquals("linkDel(weft) failed: Device or resource busy (EBUSY)", e.getMessage());
    assertNull(e.kernelMessage());
  }

  @Test
  void repliesToAnEarlierSequenceAreSkipped() {
    kernel.reply(ACK.replaceFirst("00000000 00000000 \\|", "ffffffff 00000000 |"), LINK_LO, ACK);
    List<NetlinkMessage> replies = exchange.execute(request(), "linkGet(lo)");
    assertEquals(1, replies.size());
    assertEquals(RtmType.NEWLINK, replies.get(0).type());
  }

  @Test
  void aDumpIsReadAcrossDatagramsToDone() {
    kernel.reply(LINK_LO, LINK_LO.replace("01000000 00000000 00000000", "02000000 00000000 00000000"))
        .reply(LINK_LO.replace("01000000 00000000 00000000", "03000000 00000000 00000000"), DONE);
    List<NetlinkMessage> replies = exchange.dump(request(), "linkList()");
    assertEquals(List.of(1, 2, 3), replies.stream().map(m -> IfInfoMsg.read(m.payload()).index()).toList());
    assertEquals(NlConst.NLM_F_DUMP, kernel.sent.getShort(6) & NlConst.NLM_F_DUMP);
  }

  @Test
  void anInterruptedDumpIsReported() {
    kernel.reply(LINK_LO.replace("1000 0200", "1000 1200"), DONE.replace("0300 0200", "0300 1200"));
    DumpInterrupted wire = assertThrows(DumpInterrupted.class, () -> exchange.dump(request(), "linkList()"));
    assertInstanceOf(DumpInterruptedException.class, NetlinkException.of(wire));
  }

  @Test
  void aDumpEndingInAnErrorThrowsIt() {
    kernel.reply(LINK_LO, "14000000 0300 0200 00000000 00000000 | f4ffffff"); // DONE with -12 (ENOMEM)
    NetlinkException e = NetlinkException.of(
        assertThrows(WireException.class, () -> exchange.dump(request(), "linkList()")));
    assertEquals("ENOMEM", e.errnoName());
    assertEquals("linkList() failed: Cannot allocate memory (ENOMEM)", e.getMessage());
  }
}
