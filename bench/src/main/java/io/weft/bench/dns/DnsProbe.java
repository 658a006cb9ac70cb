package io.weft.bench.dns;

import io.weft.agent.dns.wire.Dns;
import io.weft.agent.dns.wire.Queries;
import io.weft.agent.netlink.NetNs;
import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetSocketAddress;
import java.util.Arrays;

/**
 * A DNS client whose socket lives in another network namespace (a container's, a host's): opened
 * there once, used from here, so every query travels the path a program in that namespace uses.
 */
final class DnsProbe implements AutoCloseable {

  private final DatagramSocket socket;
  private final byte[] buffer = new byte[65535];
  private int nextId;

  private DnsProbe(DatagramSocket socket) {
    this.socket = socket;
  }

  /** A probe in the namespace of process {@code pid}, talking to {@code server}:53. */
  static DnsProbe inNamespaceOf(int pid, String server) {
    try (NetNs ns = NetNs.ofPid(pid)) {
      return new DnsProbe(ns.call("open a DNS client socket", () -> {
        DatagramSocket s = new DatagramSocket();
        s.connect(new InetSocketAddress(server, Dns.PORT));
        s.setSoTimeout(3000);
        return s;
      }));
    }
  }

  /** Asks for {@code name}'s A records and waits for the answer: its response code and record count. */
  int[] ask(String name) throws IOException {
    int id = nextId++ & 0xffff;
    send(Queries.of(id, name, Dns.TYPE_A, 0));
    while (true) {
      byte[] answer = receive();
      if (Queries.id(answer) == id) {
        return new int[] {Queries.rcode(answer), Queries.answerCount(answer)};
      }
    }
  }

  void send(byte[] query) throws IOException {
    socket.send(new DatagramPacket(query, query.length));
  }

  /** The next answer; a SocketTimeoutException after 3 s of silence. */
  byte[] receive() throws IOException {
    DatagramPacket packet = new DatagramPacket(buffer, buffer.length);
    socket.receive(packet);
    return Arrays.copyOf(buffer, packet.getLength());
  }

  @Override
  public void close() {
    socket.close();
  }
}
