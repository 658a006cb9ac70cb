package io.weft.shell.fleet;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;

/**
 * DNS messages by hand, sent from inside a container with bash's /dev/udp and read back with od:
 * for what a resolver library hides (the truncation bit, FORMERR, an answer with no record).
 */
final class RawDns {

  static final int A = 1;
  static final int PTR = 12;
  static final int AAAA = 28;

  private RawDns() {}

  /** A query for {@code name}, recursion desired, no EDNS. */
  static byte[] query(int id, String name, int type) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    out.writeBytes(new byte[] {(byte) (id >> 8), (byte) id, 1, 0, 0, 1, 0, 0, 0, 0, 0, 0});
    for (String label : name.split("\\.")) {
      out.write(label.length());
      out.writeBytes(label.getBytes(StandardCharsets.US_ASCII));
    }
    out.writeBytes(new byte[] {0, 0, (byte) type, 0, 1});
    return out.toByteArray();
  }

  /** The shell line that sends {@code message} to {@code server}:53 and prints the answer in hex. */
  static String overUdp(String server, byte[] message) {
    return "exec 3<>/dev/udp/" + server + "/53; printf '" + escaped(message) + "' >&3; "
        + "timeout 2 dd bs=65535 count=1 <&3 2>/dev/null | od -An -v -tx1";
  }

  /** The shell line that sends {@code message} to {@code server}:53 again and again for {@code seconds}. */
  static String floodOverUdp(String server, byte[] message, int seconds) {
    return "exec 3<>/dev/udp/" + server + "/53; end=$((SECONDS+" + seconds + ")); "
        + "while [ $SECONDS -lt $end ]; do printf '" + escaped(message) + "' >&3; done";
  }

  private static String escaped(byte[] message) {
    StringBuilder escaped = new StringBuilder();
    for (byte b : message) {
      escaped.append(String.format("\\x%02x", b & 0xff));
    }
    return escaped.toString();
  }

  /** The bytes od printed; none when nothing came back. */
  static byte[] fromHex(String od) {
    String hex = od.replaceAll("\\s+", "");
    byte[] bytes = new byte[hex.length() / 2];
    for (int i = 0; i < bytes.length; i++) {
      bytes[i] = (byte) Integer.parseInt(hex.substring(2 * i, 2 * i + 2), 16);
    }
    return bytes;
  }

  static int rcode(byte[] answer) {
    return answer[3] & 0x0f;
  }

  static int answers(byte[] answer) {
    return ((answer[6] & 0xff) << 8) | (answer[7] & 0xff);
  }

  static boolean truncated(byte[] answer) {
    return (answer[2] & 0x02) != 0;
  }
}
