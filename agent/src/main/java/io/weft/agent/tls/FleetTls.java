package io.weft.agent.tls;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.eventbus.EventBusOptions;
import io.vertx.core.http.ClientAuth;
import io.vertx.core.net.JdkSSLEngineOptions;
import io.vertx.core.net.NetClientOptions;
import io.vertx.core.net.NetServerOptions;
import io.vertx.core.net.PemTrustOptions;
import java.security.cert.X509Certificate;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;

/**
 * The one TLS policy of the fleet, as Vert.x options: TLS 1.3 only, the JDK's provider, mutual
 * authentication against the fleet CA alone ({@code trustAll} off: Vert.x's event bus defaults it
 * to on), a short handshake timeout so a silent stranger is dropped quickly.
 *
 * <p>No host name check: every agent holds the CA key (it is derived from the password), so a
 * certificate proves "knows the fleet password" and nothing finer; checking the SAN against the
 * address would add no security against an insider.
 */
public final class FleetTls {

  public static final Set<String> PROTOCOLS = Set.of("TLSv1.3");
  /** A stranger that connects and says nothing is dropped after this long. */
  public static final long HANDSHAKE_TIMEOUT_MS = 3_000;

  private final AgentIdentity identity;

  public FleetTls(AgentIdentity identity) {
    this.identity = identity;
  }

  public AgentIdentity identity() {
    return identity;
  }

  /** A mutual-TLS server; {@code alpn}: the application protocols it offers (may be empty). */
  public NetServerOptions server(String host, int port, List<String> alpn) {
    NetServerOptions options = server(host, port);
    if (!alpn.isEmpty()) {
      options.setUseAlpn(true);
      options.getSslOptions().setApplicationLayerProtocols(alpn);
    }
    return options;
  }

  /** A mutual-TLS client that asks for one application protocol by ALPN. */
  public NetClientOptions client(int connectTimeoutMs, String alpn) {
    return client(connectTimeoutMs).setUseAlpn(true).setApplicationLayerProtocols(List.of(alpn));
  }

  public NetServerOptions server(String host, int port) {
    return new NetServerOptions().setHost(host).setPort(port).setReuseAddress(true)
        .setSsl(true).setSslEngineOptions(new JdkSSLEngineOptions())
        .setKeyCertOptions(identity.keyCertOptions()).setTrustOptions(identity.trustOptions())
        .setClientAuth(ClientAuth.REQUIRED).setEnabledSecureTransportProtocols(PROTOCOLS)
        .setSslHandshakeTimeout(HANDSHAKE_TIMEOUT_MS).setSslHandshakeTimeoutUnit(TimeUnit.MILLISECONDS)
        .setTcpNoDelay(true);
  }

  /**
   * A mutual-TLS server that shows this agent's certificate and takes clients signed by {@code
   * clients} alone (the bridge: its clients' authority is not the fleet CA).
   */
  public NetServerOptions server(String host, int port, X509Certificate clients) {
    return server(host, port).setTrustOptions(
        new PemTrustOptions().addCertValue(Buffer.buffer(CertificateWriter.pem(clients))));
  }

  public NetClientOptions client(int connectTimeoutMs) {
    return new NetClientOptions().setSsl(true).setSslEngineOptions(new JdkSSLEngineOptions())
        .setKeyCertOptions(identity.keyCertOptions()).setTrustOptions(identity.trustOptions())
        .setTrustAll(false).setHostnameVerificationAlgorithm("")
        .setEnabledSecureTransportProtocols(PROTOCOLS)
        .setSslHandshakeTimeout(HANDSHAKE_TIMEOUT_MS).setSslHandshakeTimeoutUnit(TimeUnit.MILLISECONDS)
        .setConnectTimeout(connectTimeoutMs).setTcpNoDelay(true);
  }

  /** The clustered event bus over mutual TLS (Vert.x copies these through JSON: no wrappers). */
  public EventBusOptions eventBus(EventBusOptions options) {
    options.setSsl(true).setSslEngineOptions(new JdkSSLEngineOptions())
        .setKeyCertOptions(identity.keyCertOptions()).setTrustOptions(identity.trustOptions())
        .setTrustAll(false).setClientAuth(ClientAuth.REQUIRED)
        .setEnabledSecureTransportProtocols(PROTOCOLS);
    options.setSslHandshakeTimeout(HANDSHAKE_TIMEOUT_MS);
    options.setSslHandshakeTimeoutUnit(TimeUnit.MILLISECONDS);
    return options;
  }
}
