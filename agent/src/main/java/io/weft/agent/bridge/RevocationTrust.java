package io.weft.agent.bridge;

import java.net.Socket;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.TrustManager;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509ExtendedTrustManager;

/**
 * The bridge's trust at the handshake: the JDK's own PKIX check against the bridge clients'
 * authority alone, then the revocations, so a revoked credential never completes a handshake.
 * Only the client side is ever asked: the bridge is a server.
 */
final class RevocationTrust extends X509ExtendedTrustManager {

  private final X509ExtendedTrustManager pkix;
  private final Revocations revocations;

  private RevocationTrust(X509ExtendedTrustManager pkix, Revocations revocations) {
    this.pkix = pkix;
    this.revocations = revocations;
  }

  /** Trusts what {@code authority} signed and {@code revocations} does not refuse. */
  static RevocationTrust of(X509Certificate authority, Revocations revocations) {
    try {
      KeyStore anchors = KeyStore.getInstance("PKCS12");
      anchors.load(null, null);
      anchors.setCertificateEntry("bridge-clients", authority);
      TrustManagerFactory factory = TrustManagerFactory.getInstance("PKIX");
      factory.init(anchors);
      for (TrustManager manager : factory.getTrustManagers()) {
        if (manager instanceof X509ExtendedTrustManager extended) {
          return new RevocationTrust(extended, revocations);
        }
      }
      throw new IllegalStateException("the JDK offers no X509ExtendedTrustManager for PKIX");
    } catch (GeneralSecurityException | java.io.IOException e) {
      throw new IllegalStateException("cannot make the bridge's trust: " + e.getMessage(), e);
    }
  }

  @Override
  public void checkClientTrusted(X509Certificate[] chain, String authType, SSLEngine engine)
      throws CertificateException {
    pkix.checkClientTrusted(chain, authType, engine);
    refuseRevoked(chain);
  }

  @Override
  public void checkClientTrusted(X509Certificate[] chain, String authType, Socket socket)
      throws CertificateException {
    pkix.checkClientTrusted(chain, authType, socket);
    refuseRevoked(chain);
  }

  @Override
  public void checkClientTrusted(X509Certificate[] chain, String authType) throws CertificateException {
    pkix.checkClientTrusted(chain, authType);
    refuseRevoked(chain);
  }

  private void refuseRevoked(X509Certificate[] chain) throws CertificateException {
    String refusal = revocations.refusal(chain[0]);
    if (refusal != null) {
      throw new CertificateException(refusal);
    }
  }

  @Override
  public void checkServerTrusted(X509Certificate[] chain, String authType, SSLEngine engine)
      throws CertificateException {
    throw new CertificateException("the bridge trusts no server");
  }

  @Override
  public void checkServerTrusted(X509Certificate[] chain, String authType, Socket socket)
      throws CertificateException {
    throw new CertificateException("the bridge trusts no server");
  }

  @Override
  public void checkServerTrusted(X509Certificate[] chain, String authType) throws CertificateException {
    throw new CertificateException("the bridge trusts no server");
  }

  @Override
  public X509Certificate[] getAcceptedIssuers() {
    return pkix.getAcceptedIssuers();
  }
}
