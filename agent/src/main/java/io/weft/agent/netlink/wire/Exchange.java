package io.weft.agent.netlink.wire;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.List;

/**
 * The execute loop: stamps each request with the next sequence number, sends it, and reads
 * replies until the acknowledgement (or, for dumps, NLMSG_DONE) with that number arrives.
 * Replies to older sequence numbers (left by an interrupted call) are skipped. One request at a
 * time per exchange: the socket and its buffers are shared.
 */
public final class Exchange implements AutoCloseable {

  private static final int BUFFER_SIZE = 64 * 1024; // more than the kernel's 32 KiB dump chunks

  private final Transport transport;
  private final ByteBuffer sendBuf = ByteBuffer.allocateDirect(BUFFER_SIZE).order(ByteOrder.nativeOrder());
  private final ByteBuffer recvBuf = ByteBuffer.allocateDirect(BUFFER_SIZE).order(ByteOrder.nativeOrder());
  private int seq = (int) (System.nanoTime() & 0xffff);

  public Exchange(Transport transport) {
    this.transport = transport;
  }

  /** Sends a change (or a single get) with NLM_F_ACK; returns the replies that came before the ack. */
  public synchronized List<NetlinkMessage> execute(ByteBuffer request, String op) {
    int s = send(request, NlConst.NLM_F_ACK);
    List<NetlinkMessage> replies = new ArrayList<>();
    while (true) {
      transport.receive(recvBuf);
      for (NetlinkMessage m : NetlinkMessage.parseAll(recvBuf)) {
        if (m.seq() != s) {
          continue;
        }
        if (m.type() == NlConst.NLMSG_ERROR) {
          AckError e = AckError.ofError(m);
          if (e.errno() != 0) {
            throw new WireException(op, e.errno(), e.extAckMessage());
          }
          return replies;
        }
        replies.add(m);
      }
    }
  }

  /**
   * Sends {@code messages} as one datagram, as nfnetlink takes a transaction: the first and last
   * are the batch's begin and end, which the kernel does not acknowledge; every message between
   * asks for an acknowledgement, and this returns once all have come, or throws the first error.
   * The kernel applies the whole batch or none of it.
   */
  public synchronized void executeBatch(List<ByteBuffer> messages, String op) {
    sendBuf.clear();
    int first = seq + 1;
    for (int i = 0; i < messages.size(); i++) {
      int start = sendBuf.position();
      sendBuf.put(messages.get(i).duplicate());
      boolean content = i > 0 && i < messages.size() - 1;
      sendBuf.putShort(start + 6, (short) (sendBuf.getShort(start + 6) | (content ? NlConst.NLM_F_ACK : 0)));
      sendBuf.putInt(start + 8, ++seq);
    }
    sendBuf.flip();
    transport.send(sendBuf);
    // the batch's numbers are first .. seq; the content's, first + 1 .. seq - 1. An error may
    // come for any of them (the begin's, when the batch is refused whole).
    int waiting = messages.size() - 2;
    while (waiting > 0) {
      transport.receive(recvBuf);
      for (NetlinkMessage m : NetlinkMessage.parseAll(recvBuf)) {
        if (m.seq() < first || m.seq() > seq || m.type() != NlConst.NLMSG_ERROR) {
          continue;
        }
        AckError e = AckError.ofError(m);
        if (e.errno() != 0) {
          throw new WireException(op, e.errno(), e.extAckMessage());
        }
        if (m.seq() > first && m.seq() < seq) {
          waiting--;
        }
      }
    }
  }

  /** Sends a dump request and collects every message up to NLMSG_DONE. */
  public synchronized List<NetlinkMessage> dump(ByteBuffer request, String op) {
    int s = send(request, NlConst.NLM_F_DUMP);
    List<NetlinkMessage> replies = new ArrayList<>();
    boolean interrupted = false;
    while (true) {
      transport.receive(recvBuf);
      for (NetlinkMessage m : NetlinkMessage.parseAll(recvBuf)) {
        if (m.seq() != s) {
          continue;
        }
        interrupted |= m.hasFlag(NlConst.NLM_F_DUMP_INTR);
        if (m.type() == NlConst.NLMSG_ERROR || m.type() == NlConst.NLMSG_DONE) {
          AckError e = m.type() == NlConst.NLMSG_ERROR ? AckError.ofError(m) : AckError.ofDone(m);
          if (e.errno() != 0) {
            throw new WireException(op, e.errno(), e.extAckMessage());
          }
          if (interrupted) {
            throw new DumpInterrupted(op);
          }
          return replies;
        }
        if (m.type() != NlConst.NLMSG_NOOP) {
          replies.add(m);
        }
      }
    }
  }

  private int send(ByteBuffer request, int extraFlags) {
    int s = ++seq;
    sendBuf.clear();
    sendBuf.put(request.duplicate());
    sendBuf.flip();
    sendBuf.putShort(6, (short) (sendBuf.getShort(6) | extraFlags));
    sendBuf.putInt(8, s);
    transport.send(sendBuf);
    return s;
  }

  @Override
  public void close() {
    transport.close();
  }
}
