package io.weft.agent.dns.wire;

/**
 * Reads a domain name from a message, following compression pointers (RFC 1035 4.1.4) only
 * backwards, so a message cannot make it loop, and refusing names over 255 octets. The text form
 * escapes what could be confused with structure (a dot inside a label, bytes that are not
 * printable ASCII), so no odd label reads as a name weft keeps.
 */
final class NameReader {

  private static final int MAX_NAME_OCTETS = 255;

  /** A name read: its text form (no trailing dot, empty for the root), and where reading went on. */
  record Read(String name, int next) {}

  private NameReader() {}

  /** @throws IllegalArgumentException when the name is malformed or runs past {@code end} */
  static Read read(byte[] message, int offset, int end) {
    StringBuilder text = new StringBuilder();
    int octets = 1;
    int at = offset;
    int next = -1;
    while (true) {
      if (at >= end) {
        throw new IllegalArgumentException("name runs past the message");
      }
      int length = message[at] & 0xff;
      if ((length & 0xc0) == 0xc0) {
        if (at + 1 >= end) {
          throw new IllegalArgumentException("pointer runs past the message");
        }
        int target = ((length & 0x3f) << 8) | (message[at + 1] & 0xff);
        if (target >= at) {
          throw new IllegalArgumentException("pointer does not point backwards");
        }
        if (next < 0) {
          next = at + 2;
        }
        at = target;
        continue;
      }
      if ((length & 0xc0) != 0) {
        throw new IllegalArgumentException("unknown label type");
      }
      if (length == 0) {
        return new Read(text.toString(), next < 0 ? at + 1 : next);
      }
      octets += length + 1;
      if (octets > MAX_NAME_OCTETS || at + 1 + length > end) {
        throw new IllegalArgumentException("name too long or past the message");
      }
      if (!text.isEmpty()) {
        text.append('.');
      }
      for (int i = at + 1; i <= at + length; i++) {
        appendEscaped(text, message[i] & 0xff);
      }
      at += 1 + length;
    }
  }

  private static void appendEscaped(StringBuilder text, int b) {
    if (b == '.' || b == '\\') {
      text.append('\\').append((char) b);
    } else if (b > 0x20 && b < 0x7f) {
      text.append((char) b);
    } else {
      text.append('\\').append(String.format("%03d", b));
    }
  }
}
