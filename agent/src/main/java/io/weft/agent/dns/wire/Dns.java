package io.weft.agent.dns.wire;

/** The numbers of the DNS wire format (RFC 1035, 6891) that weft's server uses. */
public final class Dns {

  public static final int PORT = 53;
  public static final int HEADER_LENGTH = 12;
  /** The largest message without EDNS, over UDP. */
  public static final int CLASSIC_UDP_LIMIT = 512;
  /** What weft offers with EDNS: the size that avoids fragmentation almost everywhere. */
  public static final int EDNS_UDP_LIMIT = 1232;
  /** A query larger than this is not a query any resolver sends: refused as malformed. */
  public static final int MAX_QUERY_LENGTH = 4096;
  /** Over TCP each message comes after its length in two bytes (RFC 1035 4.2.2). */
  public static final int TCP_LENGTH_BYTES = 2;
  /** The most those two bytes can say: the longest answer over TCP. */
  public static final int MAX_TCP_MESSAGE = 65535;

  public static final int TYPE_A = 1;
  public static final int TYPE_PTR = 12;
  public static final int TYPE_OPT = 41;
  public static final int CLASS_IN = 1;

  public static final int FLAG_QR = 0x8000;
  public static final int FLAG_AA = 0x0400;
  public static final int FLAG_TC = 0x0200;
  public static final int FLAG_RD = 0x0100;
  public static final int FLAG_RA = 0x0080;
  public static final int OPCODE_MASK = 0x7800;

  public static final int NOERROR = 0;
  public static final int FORMERR = 1;
  public static final int SERVFAIL = 2;
  public static final int NXDOMAIN = 3;
  public static final int NOTIMP = 4;
  public static final int REFUSED = 5;

  private Dns() {}
}
