package io.weft.agent.bridge;

import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.weft.agent.tls.FleetCertificates;
import io.weft.agent.tls.FleetTls;
import io.weft.agent.tls.KeyDerivation;
import java.io.ByteArrayInputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.TrustManagerFactory;

/**
 * What the bridge's tests share: a fleet's real certificates (made fast), an event feed, the
 * revocations, bridges on this machine's loopback, and a plain JSSE client speaking the framing.
 */
final class BridgeKit implements AutoCloseable {

  private static final int FAST = 1000;

  final Vertx vertx = Vertx.vertx();
  final FleetCertificates fleet;
  final FleetCertificates clients;
  final EventFeed feed;
  final Revocations revocations = new Revocations();

  BridgeKit() throws Exception {
    KeyDerivation kdf = KeyDerivation.fromPassword("pw".toCharArray(), FAST);
    fleet = FleetCertificates.derive(kdf);
    clients = FleetCertificates.deriveClients(kdf);
    feed = new EventFeed(vertx, "host1");
    feed.register().await(5, TimeUnit.SECONDS);
  }

  static int freePort() throws IOException {
    try (ServerSocket free = new ServerSocket(0)) {
      return free.getLocalPort();
    }
  }

  /** A bridge on 127.0.0.1:{@code port}, not yet listening. */
  BridgeServer bridge(int port, int maxClients) throws Exception {
    FleetTls tls = new FleetTls(fleet.issue("host1", List.of(InetAddress.getByName("127.0.0.1"))));
    return new BridgeServer(vertx, "host1", tls.server("127.0.0.1", port, clients.authority()),
        clients.authority(), revocations, feed, maxClients);
  }

  /** A client's key and a certificate for it, valid a day. */
  record Credential(KeyPair key, X509Certificate certificate) {}

  Credential credential(String name, boolean readOnly) throws Exception {
    KeyPair key = newKey();
    return new Credential(key, clients.issueClient(name, readOnly, key.getPublic(), Duration.ofDays(1)));
  }

  SSLSocket connect(Credential credential, int port) throws Exception {
    return connect(credential.key(), credential.certificate(), 0, port);
  }

  /** {@code receiveBuffer}: the socket's, set before it connects (0: the system's). */
  SSLSocket connect(KeyPair key, X509Certificate cert, int receiveBuffer, int port) throws Exception {
    KeyStore keys = KeyStore.getInstance("PKCS12");
    keys.load(null, null);
    keys.setKeyEntry("me", key.getPrivate(), new char[0], new Certificate[] {cert});
    KeyManagerFactory kmf = KeyManagerFactory.getInstance("PKIX");
    kmf.init(keys, new char[0]);
    KeyStore trust = KeyStore.getInstance("PKCS12");
    trust.load(null, null);
    trust.setCertificateEntry("ca", CertificateFactory.getInstance("X.509").generateCertificate(
        new ByteArrayInputStream(fleet.authority().getEncoded())));
    TrustManagerFactory tmf = TrustManagerFactory.getInstance("PKIX");
    tmf.init(trust);
    SSLContext context = SSLContext.getInstance("TLSv1.3");
    context.init(kmf.getKeyManagers(), tmf.getTrustManagers(), null);
    SSLSocket socket = (SSLSocket) context.getSocketFactory().createSocket();
    if (receiveBuffer > 0) {
      socket.setReceiveBufferSize(receiveBuffer);
    }
    socket.connect(new InetSocketAddress("127.0.0.1", port));
    socket.setSoTimeout(10_000);
    socket.startHandshake();
    return socket;
  }

  static void frame(SSLSocket socket, JsonObject frame) throws IOException {
    byte[] bytes = frame.encode().getBytes(StandardCharsets.UTF_8);
    DataOutputStream out = new DataOutputStream(socket.getOutputStream());
    out.writeInt(bytes.length);
    out.write(bytes);
    out.flush();
  }

  static JsonObject read(SSLSocket socket) throws IOException {
    return read(new DataInputStream(socket.getInputStream()));
  }

  static JsonObject read(DataInputStream in) throws IOException {
    byte[] bytes = new byte[in.readInt()];
    in.readFully(bytes);
    return new JsonObject(new String(bytes, StandardCharsets.UTF_8));
  }

  /** Reads frames until the connection ends; the last {@code err} frame's message, or null. */
  static String closedWith(SSLSocket socket) {
    String last = null;
    try {
      while (true) {
        JsonObject frame = read(socket);
        if ("err".equals(frame.getString("type"))) {
          last = frame.getString("message");
        }
      }
    } catch (IOException ended) {
      return last;
    }
  }

  static KeyPair newKey() throws Exception {
    KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
    generator.initialize(new ECGenParameterSpec("secp256r1"));
    return generator.generateKeyPair();
  }

  @Override
  public void close() throws Exception {
    vertx.close().await(5, TimeUnit.SECONDS);
  }
}
