package io.weft.agent.dns.wire;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * Answers written: the query's question copied as it came (its case kept), each answer record
 * pointing at it, and an OPT record when the client sent one. An answer larger than the client
 * takes over UDP goes without its records and with the truncation bit set, so the client asks
 * again over TCP, where it comes whole.
 */
public final class Responses {

  private static final int POINTER_TO_QUESTION = 0xc000 | Dns.HEADER_LENGTH;
  private static final int OPT_LENGTH = 11;

  private Responses() {}

  /**
   * @param query the query, read from {@code message}
   * @param sizeLimit the largest message allowed: {@link Query#udpLimit()} over UDP, 65535 over TCP
   */
  public static byte[] answer(byte[] message, Query query, int rcode, boolean authoritative,
      List<Answer> answers, int sizeLimit) {
    byte[] records = records(answers);
    int length = query.questionEnd() + records.length + (query.ednsUdpSize() > 0 ? OPT_LENGTH : 0);
    boolean truncated = length > sizeLimit;
    ByteArrayOutputStream out = new ByteArrayOutputStream(truncated ? query.questionEnd() + OPT_LENGTH : length);
    int flags = Dns.FLAG_QR | Dns.FLAG_RA | (query.flags() & Dns.FLAG_RD)
        | (authoritative ? Dns.FLAG_AA : 0) | (truncated ? Dns.FLAG_TC : 0) | rcode;
    u16(out, query.id());
    u16(out, flags);
    u16(out, 1);
    u16(out, truncated ? 0 : answers.size());
    u16(out, 0);
    u16(out, query.ednsUdpSize() > 0 ? 1 : 0);
    out.write(message, Dns.HEADER_LENGTH, query.questionEnd() - Dns.HEADER_LENGTH);
    if (!truncated) {
      out.writeBytes(records);
    }
    if (query.ednsUdpSize() > 0) {
      out.write(0); // the root
      u16(out, Dns.TYPE_OPT);
      u16(out, Dns.EDNS_UDP_LIMIT);
      u16(out, 0); // extended rcode and version 0
      u16(out, 0); // no flags
      u16(out, 0); // no options
    }
    return out.toByteArray();
  }

  /** A bare answer with {@code rcode} to a message whose question could not be read. */
  public static byte[] error(int id, int rcode) {
    ByteArrayOutputStream out = new ByteArrayOutputStream(Dns.HEADER_LENGTH);
    u16(out, id);
    u16(out, Dns.FLAG_QR | rcode);
    for (int i = 0; i < 4; i++) {
      u16(out, 0);
    }
    return out.toByteArray();
  }

  /** {@code message} (an upstream's answer) with the id put back to the client's. */
  public static byte[] withId(byte[] message, int length, int id) {
    byte[] copy = java.util.Arrays.copyOf(message, length);
    copy[0] = (byte) (id >>> 8);
    copy[1] = (byte) id;
    return copy;
  }

  private static byte[] records(List<Answer> answers) {
    ByteArrayOutputStream out = new ByteArrayOutputStream(answers.size() * 16);
    for (Answer answer : answers) {
      u16(out, POINTER_TO_QUESTION);
      u16(out, answer.type());
      u16(out, Dns.CLASS_IN);
      u16(out, answer.ttl() >>> 16);
      u16(out, answer.ttl());
      byte[] data = answer.type() == Dns.TYPE_A ? (byte[]) answer.data() : name((String) answer.data());
      u16(out, data.length);
      out.writeBytes(data);
    }
    return out.toByteArray();
  }

  /** A name in wire form, uncompressed: the names weft keeps are plain labels. */
  static byte[] name(String text) {
    ByteArrayOutputStream out = new ByteArrayOutputStream(text.length() + 2);
    if (!text.isEmpty()) {
      for (String label : text.split("\\.")) {
        byte[] bytes = label.getBytes(StandardCharsets.US_ASCII);
        out.write(bytes.length);
        out.writeBytes(bytes);
      }
    }
    out.write(0);
    return out.toByteArray();
  }

  private static void u16(ByteArrayOutputStream out, int value) {
    out.write(value >>> 8);
    out.write(value);
  }
}
