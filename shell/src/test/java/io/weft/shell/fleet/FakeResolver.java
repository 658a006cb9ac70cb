package io.weft.shell.fleet;

import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetSocketAddress;
import java.net.SocketException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A resolver of the world outside weft, for tests: on the machine's own address on the sandbox's
 * underlay, port 53, it answers an A question for a name in {@link #DOMAIN} with {@link
 * #ADDRESS}, another question there with no record, and a name elsewhere with NXDOMAIN. The
 * sandbox hosts point their resolv.conf at it; nothing leaves the machine.
 */
final class FakeResolver implements AutoCloseable {

  /** The answer to every A question: an address of the documentation range, never contacted. */
  static final String ADDRESS = "198.51.100.7";
  static final String DOMAIN = "outside.example";

  private final DatagramSocket socket;
  private final AtomicInteger asked = new AtomicInteger();
  private final Thread thread;

  FakeResolver(String bindAddress) throws SocketException {
    socket = new DatagramSocket(null);
    socket.setReuseAddress(true);
    socket.bind(new InetSocketAddress(bindAddress, 53));
    thread = new Thread(this::serve, "fake-resolver");
    thread.setDaemon(true);
    thread.start();
  }

  /** How many questions it answered. */
  int asked() {
    return asked.get();
  }

  private void serve() {
    byte[] buffer = new byte[4096];
    while (!socket.isClosed()) {
      try {
        DatagramPacket packet = new DatagramPacket(buffer, buffer.length);
        socket.receive(packet);
        byte[] answer = answer(Arrays.copyOf(buffer, packet.getLength()));
        if (answer != null) {
          socket.send(new DatagramPacket(answer, answer.length, packet.getSocketAddress()));
          asked.incrementAndGet();
        }
      } catch (IOException | RuntimeException closedOrOdd) {
        // closed: the loop ends; anything odd: the next question
      }
    }
  }

  /** The query with its question alone, made an answer: one A record for an A question in the domain. */
  private static byte[] answer(byte[] query) {
    StringBuilder name = new StringBuilder();
    int nameEnd = 12;
    while (query[nameEnd] != 0) {
      int length = query[nameEnd] & 0xff;
      name.append(new String(query, nameEnd + 1, length, StandardCharsets.US_ASCII)).append('.');
      nameEnd += length + 1;
    }
    boolean ours = name.toString().toLowerCase(Locale.ROOT).endsWith(DOMAIN + ".");
    boolean a = ours && query[nameEnd + 1] == 0 && query[nameEnd + 2] == 1;
    int questionEnd = nameEnd + 5;
    byte[] out = Arrays.copyOf(query, questionEnd + (a ? 16 : 0));
    out[2] = (byte) (out[2] | 0x80);
    out[3] = (byte) (ours ? 0x80 : 0x83);
    out[6] = 0;
    out[7] = (byte) (a ? 1 : 0);
    Arrays.fill(out, 8, 12, (byte) 0);
    if (a) {
      byte[] record = {(byte) 0xc0, 12, 0, 1, 0, 1, 0, 0, 0, 5, 0, 4, (byte) 198, 51, 100, 7};
      System.arraycopy(record, 0, out, questionEnd, record.length);
    }
    return out;
  }

  @Override
  public void close() throws InterruptedException {
    socket.close();
    thread.join(5000);
  }
}
