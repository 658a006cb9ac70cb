package io.weft.bench.security;

import com.hazelcast.client.HazelcastClient;
import com.hazelcast.client.config.ClientConfig;
import com.hazelcast.config.Config;
import com.hazelcast.config.JoinConfig;
import com.hazelcast.core.Hazelcast;
import com.hazelcast.core.HazelcastInstance;
import io.vertx.core.json.JsonObject;
import io.weft.agent.tls.FleetKeys;
import io.weft.common.agent.FleetPassword;
import io.weft.common.net.Ipv4;
import java.io.IOException;
import java.io.InputStream;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.cert.X509Certificate;
import java.util.List;
import javax.net.ssl.KeyManager;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.TrustManager;
import javax.net.ssl.X509TrustManager;

/**
 * An outsider on the underlay, without the fleet's password, trying what issue 14's attacker did
 * and more: {@code Rogue MODE HOST [NAME]}. Prints one JSON line: the mode, whether anything got
 * in ({@code accepted}), how long until the host dropped it ({@code millis}, from the connect),
 * and what happened. Run in a network namespace on the sandbox's underlay ({@link Outsider}).
 *
 * <ul>
 *   <li>{@code hazelcast-member}: a Hazelcast member joining by TCP-IP (cluster name {@code weft},
 *       as weft's was) through Hazelcast's member port, 6783, which speaks TLS from its first byte
 *   <li>{@code hazelcast-client}: a Hazelcast client to the same port
 *   <li>{@code gateway-plain}, {@code gateway-tls-nocert}, {@code gateway-tls-othercert}: to
 *       6783, speaking Hazelcast's protocol in clear, TLS without a certificate, TLS with
 *       another fleet's
 *   <li>{@code bus-plain}, {@code bus-tls-nocert}, {@code bus-tls-othercert}: a genuine event-bus
 *       frame ({@link RogueFrame}) telling host NAME to expose 10.201.0.1/24, the same three ways
 *   <li>{@code vxlan}: a VXLAN datagram (an ARP request for 10.32.0.1) to the data plane's port
 * </ul>
 */
public final class Rogue {

  public static final String EXPOSED = "10.201.0.1/24";
  private static final int GATEWAY = 6783;
  private static final int EVENT_BUS = 6785;
  private static final int VXLAN = 4789;
  private static final byte[] HAZELCAST_HELLO = "HZC\1\0\0\0\0\0\0\0\0\0\0\0\0".getBytes(StandardCharsets.US_ASCII);

  private Rogue() {}

  public static void main(String[] args) throws Exception {
    String mode = args[0];
    String host = args[1];
    String name = args.length > 2 ? args[2] : "host1";
    JsonObject outcome = new JsonObject().put("mode", mode).put("target", host);
    long start = System.nanoTime();
    try {
      outcome.mergeIn(switch (mode) {
        case "hazelcast-member" -> hazelcastMember(host);
        case "hazelcast-client" -> hazelcastClient(host);
        case "gateway-plain" -> clear(host, GATEWAY, HAZELCAST_HELLO);
        case "gateway-tls-nocert" -> tls(host, GATEWAY, null, HAZELCAST_HELLO);
        case "gateway-tls-othercert" -> tls(host, GATEWAY, strangerKeys(), HAZELCAST_HELLO);
        case "bus-plain" -> clear(host, EVENT_BUS, RogueFrame.expose(name, EXPOSED));
        case "bus-tls-nocert" -> tls(host, EVENT_BUS, null, RogueFrame.expose(name, EXPOSED));
        case "bus-tls-othercert" -> tls(host, EVENT_BUS, strangerKeys(), RogueFrame.expose(name, EXPOSED));
        case "vxlan" -> vxlan(host);
        default -> throw new IllegalArgumentException("no mode " + mode);
      });
    } catch (Exception e) {
      // refused before any connection of ours lasted: timed from the start
      outcome.put("accepted", false).put("millis", millisSince(start)).put("detail", String.valueOf(e));
    }
    System.out.println(outcome.encode());
    System.exit(0);
  }

  private static JsonObject hazelcastMember(String host) {
    Config config = new Config().setClusterName("weft");
    config.setProperty("hazelcast.logging.type", "none");
    config.setProperty("hazelcast.phone.home.enabled", "false");
    config.setProperty("hazelcast.max.join.seconds", "10");
    JoinConfig join = config.getNetworkConfig().getJoin();
    join.getMulticastConfig().setEnabled(false);
    join.getAutoDetectionConfig().setEnabled(false);
    join.getTcpIpConfig().setEnabled(true).setConnectionTimeoutSeconds(3)
        .setMembers(List.of(host + ":" + GATEWAY));
    long start = System.nanoTime();
    HazelcastInstance member = Hazelcast.newHazelcastInstance(config);
    try {
      int size = member.getCluster().getMembers().size();
      return new JsonObject().put("accepted", size > 1).put("millis", millisSince(start))
          .put("detail", size > 1 ? "joined a cluster of " + size + "; weft.peers holds "
              + member.getReplicatedMap("weft.peers").size() : "started alone: did not join");
    } finally {
      member.getLifecycleService().terminate();
    }
  }

  private static JsonObject hazelcastClient(String host) {
    ClientConfig config = new ClientConfig().setClusterName("weft");
    config.setProperty("hazelcast.logging.type", "none");
    config.getNetworkConfig().addAddress(host + ":" + GATEWAY).setConnectionTimeout(3000);
    config.getConnectionStrategyConfig().getConnectionRetryConfig().setClusterConnectTimeoutMillis(8000);
    long start = System.nanoTime();
    HazelcastInstance client = HazelcastClient.newHazelcastClient(config);
    try {
      return new JsonObject().put("accepted", true).put("millis", millisSince(start))
          .put("detail", "connected as a client; weft.peers holds " + client.getReplicatedMap("weft.peers").size());
    } finally {
      client.shutdown();
    }
  }

  /** Plain TCP: writes {@code hello}, then reads until the host closes (10 s at most). */
  private static JsonObject clear(String host, int port, byte[] hello) throws IOException {
    try (Socket s = new Socket()) {
      s.connect(new InetSocketAddress(host, port), 3000);
      long connected = System.nanoTime();
      s.setSoTimeout(10_000);
      s.getOutputStream().write(hello);
      return untilClosed(s.getInputStream(), connected);
    }
  }

  /** TLS 1.3, trusting any server; with {@code keys}' certificate, or none. */
  private static JsonObject tls(String host, int port, FleetKeys keys, byte[] hello) throws Exception {
    SSLContext context = SSLContext.getInstance("TLSv1.3");
    KeyManager[] mine = keys == null ? null : keys.tls().identity().keyManagers();
    context.init(mine, new TrustManager[] {new TrustingEveryone()}, null);
    try (SSLSocket s = (SSLSocket) context.getSocketFactory().createSocket()) {
      s.connect(new InetSocketAddress(host, port), 3000);
      long connected = System.nanoTime();
      s.setSoTimeout(10_000);
      s.setEnabledProtocols(new String[] {"TLSv1.3"});
      try {
        s.startHandshake();
        // TLS 1.3: the client's side of the handshake ends before the server judges its
        // certificate; the verdict comes with the first read
        s.getOutputStream().write(hello);
        s.getOutputStream().flush();
      } catch (IOException refused) {
        return new JsonObject().put("accepted", false).put("millis", millisSince(connected))
            .put("detail", "refused in the handshake: " + refused);
      }
      return untilClosed(s.getInputStream(), connected);
    }
  }

  private static JsonObject untilClosed(InputStream in, long connected) {
    int total = 0;
    String end;
    try {
      byte[] buffer = new byte[1024];
      int n;
      while ((n = in.read(buffer)) > 0) {
        total += n;
      }
      end = "closed by the host";
    } catch (IOException e) {
      end = String.valueOf(e);
    }
    boolean open = end.contains("Read timed out");
    return new JsonObject().put("accepted", open).put("millis", millisSince(connected))
        .put("detail", end + " after " + total + " bytes");
  }

  /** A VXLAN datagram (VNI 6783) carrying a broadcast ARP request, from this outsider. */
  private static JsonObject vxlan(String host) throws IOException {
    ByteBuffer frame = ByteBuffer.allocate(8 + 42);
    frame.put((byte) 0x08).put(new byte[3]).putInt(6783 << 8); // flags: VNI valid; the VNI
    frame.put(new byte[] {-1, -1, -1, -1, -1, -1}).put(new byte[] {2, 0, 0, 0, 0, 1}).putShort((short) 0x0806);
    frame.putShort((short) 1).putShort((short) 0x0800).put((byte) 6).put((byte) 4).putShort((short) 1);
    frame.put(new byte[] {2, 0, 0, 0, 0, 1}).put(new byte[] {10, 32, 0, 99});
    frame.put(new byte[6]).put(new byte[] {10, 32, 0, 1});
    try (DatagramSocket socket = new DatagramSocket()) {
      socket.send(new DatagramPacket(frame.array(), frame.position(), new InetSocketAddress(host, VXLAN)));
    }
    return new JsonObject().put("accepted", false).put("millis", 0)
        .put("detail", "sent; whether it was dropped, the host's nftables counter says");
  }

  private static FleetKeys strangerKeys() {
    return FleetKeys.derive(FleetPassword.generate(), "mallory", Ipv4.parse("172.29.0.200"));
  }

  private static long millisSince(long start) {
    return (System.nanoTime() - start) / 1_000_000;
  }

  /** Reads one rogue's line back. */
  public static JsonObject parse(String output) {
    return output.lines().filter(l -> l.startsWith("{")).map(JsonObject::new).reduce((a, b) -> b)
        .orElseThrow(() -> new IllegalStateException("the rogue said nothing readable: " + output));
  }

  private static final class TrustingEveryone implements X509TrustManager {
    @Override
    public void checkClientTrusted(X509Certificate[] chain, String authType) { }

    @Override
    public void checkServerTrusted(X509Certificate[] chain, String authType) { }

    @Override
    public X509Certificate[] getAcceptedIssuers() {
      return new X509Certificate[0];
    }
  }
}
