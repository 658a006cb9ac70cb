package io.weft.agent.tls;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.security.GeneralSecurityException;
import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import javax.net.ssl.KeyManager;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.TrustManager;
import javax.net.ssl.X509ExtendedTrustManager;

/**
 * Asks hosts which fleet they are of, before this host has keys: a TLS 1.3 connection to a
 * host's fleet port whose trust manager records the certificate the server shows and then ends
 * the handshake. In TLS 1.3 the server sends its certificate before it asks for the client's, so
 * this needs no certificate of its own, and the server never learns more than that someone
 * looked. The certificate's issuer names the fleet's salt ({@link FleetSalt#ofIssuer}); whether
 * it truly belongs to the fleet the password makes is checked after deriving ({@link
 * FleetCertificates#signed}). Any TLS server that shows the agent's certificate will do: the
 * probe does not care which program answers on the port.
 */
public final class SaltProbe {

  private static final int MAX_THREADS = 16;

  private final List<Integer> ports;
  private final int connectTimeoutMs;
  private final int handshakeTimeoutMs;

  /** What one candidate showed: its certificate, or why there is none. */
  public record Answer(String candidate, X509Certificate certificate, String failure) {

    public boolean shown() {
      return certificate != null;
    }
  }

  /**
   * @param ports the ports to try on each host, in order, until one shows a certificate
   */
  public SaltProbe(List<Integer> ports, int connectTimeoutMs, int handshakeTimeoutMs) {
    this.ports = List.copyOf(ports);
    this.connectTimeoutMs = connectTimeoutMs;
    this.handshakeTimeoutMs = handshakeTimeoutMs;
  }

  /**
   * Asks every candidate at once, and answers in the candidates' order within about the
   * connect and handshake bounds per port: a candidate that has not answered by then is said not
   * to have.
   */
  public List<Answer> ask(List<String> candidates) {
    if (candidates.isEmpty()) {
      return List.of();
    }
    ExecutorService threads = Executors.newFixedThreadPool(Math.min(candidates.size(), MAX_THREADS), r -> {
      Thread t = new Thread(r, "weft-fleet-probe");
      t.setDaemon(true);
      return t;
    });
    try {
      List<CompletableFuture<Answer>> asked = new ArrayList<>();
      for (String candidate : candidates) {
        asked.add(CompletableFuture.supplyAsync(() -> askOne(candidate), threads));
      }
      long deadline = System.nanoTime()
          + TimeUnit.MILLISECONDS.toNanos((long) ports.size() * (connectTimeoutMs + handshakeTimeoutMs) + 1000);
      List<Answer> answers = new ArrayList<>();
      for (int i = 0; i < candidates.size(); i++) {
        try {
          answers.add(asked.get(i).get(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS));
        } catch (TimeoutException e) {
          answers.add(new Answer(candidates.get(i), null, "no answer in time"));
        } catch (Exception e) {
          answers.add(new Answer(candidates.get(i), null, String.valueOf(e.getMessage())));
        }
      }
      return answers;
    } finally {
      threads.shutdownNow();
    }
  }

  private Answer askOne(String candidate) {
    String failure = "no port to ask";
    for (int port : ports) {
      try {
        Optional<X509Certificate> shown = certificateOf(candidate, port);
        if (shown.isPresent()) {
          return new Answer(candidate, shown.get(), null);
        }
        failure = "port " + port + " showed no certificate";
      } catch (Unreachable e) {
        // a host that does not answer a connection on one port does not on the next
        return new Answer(candidate, null, e.getMessage());
      } catch (IOException e) {
        failure = "port " + port + ": " + e.getMessage();
      }
    }
    return new Answer(candidate, null, failure);
  }

  /** No answer at all to a connection within the bound: the host is away. */
  private static final class Unreachable extends IOException {
    private static final long serialVersionUID = 1L;

    Unreachable(String message) {
      super(message);
    }
  }

  /** The certificate {@code host:port} shows in a TLS 1.3 handshake; empty when it shows none. */
  Optional<X509Certificate> certificateOf(String host, int port) throws IOException {
    Recorder recorder = new Recorder();
    SSLContext context;
    try {
      context = SSLContext.getInstance("TLSv1.3");
      context.init(new KeyManager[0], new TrustManager[] {recorder}, null);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("TLS 1.3 is part of every JDK since 11", e);
    }
    try (Socket plain = new Socket()) {
      try {
        plain.connect(new InetSocketAddress(host, port), connectTimeoutMs);
      } catch (SocketTimeoutException away) {
        throw new Unreachable("no answer from " + host + " within " + connectTimeoutMs + " ms");
      }
      plain.setSoTimeout(handshakeTimeoutMs);
      try (SSLSocket tls = (SSLSocket) context.getSocketFactory().createSocket(plain, host, port, false)) {
        tls.setEnabledProtocols(new String[] {"TLSv1.3"});
        tls.startHandshake();
      } catch (SocketTimeoutException silent) {
        throw new SocketTimeoutException("no TLS handshake within " + handshakeTimeoutMs + " ms");
      } catch (IOException endedByTheRecorder) {
        // the usual end: the recorder refused to go on once it had the certificate
      }
    }
    X509Certificate[] chain = recorder.chain;
    return chain == null || chain.length == 0 ? Optional.empty() : Optional.of(chain[0]);
  }

  /** Keeps the server's chain and refuses it, which ends the handshake there. */
  private static final class Recorder extends X509ExtendedTrustManager {
    private volatile X509Certificate[] chain;

    private void record(X509Certificate[] shown) throws CertificateException {
      chain = shown == null ? null : shown.clone();
      throw new CertificateException("weft's salt probe ends here: it has the certificate it asked for");
    }

    @Override
    public void checkServerTrusted(X509Certificate[] shown, String authType, Socket socket) throws CertificateException {
      record(shown);
    }

    @Override
    public void checkServerTrusted(X509Certificate[] shown, String authType, SSLEngine engine) throws CertificateException {
      record(shown);
    }

    @Override
    public void checkServerTrusted(X509Certificate[] shown, String authType) throws CertificateException {
      record(shown);
    }

    @Override
    public void checkClientTrusted(X509Certificate[] shown, String authType, Socket socket) throws CertificateException {
      throw new CertificateException("the probe is no server");
    }

    @Override
    public void checkClientTrusted(X509Certificate[] shown, String authType, SSLEngine engine) throws CertificateException {
      throw new CertificateException("the probe is no server");
    }

    @Override
    public void checkClientTrusted(X509Certificate[] shown, String authType) throws CertificateException {
      throw new CertificateException("the probe is no server");
    }

    @Override
    public X509Certificate[] getAcceptedIssuers() {
      return new X509Certificate[0];
    }
  }
}
