package io.weft.agent.dns.wire;

/**
 * A DNS query as weft's server reads one: its id, flags, its one question, and whether it speaks
 * EDNS and with what UDP size. Strict: one question, no answer or authority records, at most one
 * OPT record among a few additional ones, nothing after the last record.
 *
 * @param name the question's name as asked (its case kept), without the trailing dot
 * @param questionEnd where the question section ends: answers copy it as it came
 * @param ednsUdpSize the UDP size the client's OPT record offers, or 0 when it sent none
 */
public record Query(int id, int flags, String name, int type, int qclass, int questionEnd,
    int ednsUdpSize) {

  private static final int MAX_ADDITIONAL = 8;

  /** Whether the client asked for recursion. */
  public boolean recursionDesired() {
    return (flags & Dns.FLAG_RD) != 0;
  }

  /** The largest answer this client takes over UDP. */
  public int udpLimit() {
    return ednsUdpSize == 0 ? Dns.CLASSIC_UDP_LIMIT
        : Math.max(Dns.CLASSIC_UDP_LIMIT, Math.min(ednsUdpSize, Dns.EDNS_UDP_LIMIT));
  }

  /** Reads the query in {@code message[0, length)}. */
  public static Query parse(byte[] message, int length) throws MalformedMessageException {
    if (length < Dns.HEADER_LENGTH) {
      throw new MalformedMessageException(-1, Dns.FORMERR, "shorter than a header");
    }
    int id = u16(message, 0);
    int flags = u16(message, 2);
    if ((flags & Dns.FLAG_QR) != 0) {
      throw new MalformedMessageException(-1, Dns.FORMERR, "a response, not a query");
    }
    if (length > Dns.MAX_QUERY_LENGTH) {
      throw new MalformedMessageException(id, Dns.FORMERR, "longer than any query");
    }
    if ((flags & Dns.OPCODE_MASK) != 0) {
      throw new MalformedMessageException(id, Dns.NOTIMP, "not a standard query");
    }
    if (u16(message, 4) != 1 || u16(message, 6) != 0 || u16(message, 8) != 0
        || u16(message, 10) > MAX_ADDITIONAL) {
      throw new MalformedMessageException(id, Dns.FORMERR, "not one question alone");
    }
    try {
      NameReader.Read question = NameReader.read(message, Dns.HEADER_LENGTH, length);
      int at = question.next();
      require(at + 4 <= length);
      int type = u16(message, at);
      int qclass = u16(message, at + 2);
      int questionEnd = at + 4;
      int ednsUdpSize = 0;
      at = questionEnd;
      for (int i = u16(message, 10); i > 0; i--) {
        NameReader.Read owner = NameReader.read(message, at, length);
        at = owner.next();
        require(at + 10 <= length);
        int rrType = u16(message, at);
        int rdLength = u16(message, at + 8);
        if (rrType == Dns.TYPE_OPT) {
          require(owner.name().isEmpty() && ednsUdpSize == 0);
          ednsUdpSize = Math.max(1, u16(message, at + 2));
        }
        at += 10 + rdLength;
        require(at <= length);
      }
      require(at == length);
      return new Query(id, flags, question.name(), type, qclass, questionEnd, ednsUdpSize);
    } catch (IllegalArgumentException e) {
      throw new MalformedMessageException(id, Dns.FORMERR, e.getMessage() == null ? "malformed" : e.getMessage());
    }
  }

  static int u16(byte[] message, int at) {
    return ((message[at] & 0xff) << 8) | (message[at + 1] & 0xff);
  }

  private static void require(boolean condition) {
    if (!condition) {
      throw new IllegalArgumentException("records run past the message, or more than one OPT");
    }
  }
}
