package io.weft.agent.dns.wire;

import java.io.ByteArrayOutputStream;

/** Queries written, as a client sends them: for tests, benchmarks and checks of a server. */
public final class Queries {

  private Queries() {}

  /**
   * A query for {@code name}'s records of {@code type}, recursion desired.
   *
   * @param ednsUdpSize the UDP size to offer in an OPT record, or 0 for none
   */
  public static byte[] of(int id, String name, int type, int ednsUdpSize) {
    ByteArrayOutputStream out = new ByteArrayOutputStream(64);
    int[] header = {id, Dns.FLAG_RD, 1, 0, 0, ednsUdpSize > 0 ? 1 : 0};
    for (int field : header) {
      out.write(field >>> 8);
      out.write(field);
    }
    out.writeBytes(Responses.name(name));
    int[] question = {type, Dns.CLASS_IN};
    for (int field : question) {
      out.write(field >>> 8);
      out.write(field);
    }
    if (ednsUdpSize > 0) {
      out.writeBytes(new byte[] {0, 0, Dns.TYPE_OPT, (byte) (ednsUdpSize >>> 8), (byte) ednsUdpSize,
          0, 0, 0, 0, 0, 0});
    }
    return out.toByteArray();
  }

  /** The response code of an answer. */
  public static int rcode(byte[] answer) {
    return answer[3] & 0x0f;
  }

  /** The number of answer records. */
  public static int answerCount(byte[] answer) {
    return Query.u16(answer, 6);
  }

  /** Whether the answer was cut for UDP. */
  public static boolean truncated(byte[] answer) {
    return (Query.u16(answer, 2) & Dns.FLAG_TC) != 0;
  }

  /** The id an answer carries. */
  public static int id(byte[] answer) {
    return Query.u16(answer, 0);
  }
}
