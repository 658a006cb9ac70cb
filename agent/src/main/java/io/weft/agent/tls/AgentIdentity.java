package io.weft.agent.tls;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.net.PemTrustOptions;
import io.vertx.core.net.PfxOptions;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.SecureRandom;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.util.Base64;
import javax.net.ssl.KeyManager;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;

/**
 * This agent's TLS identity for one run: its private key (never written anywhere), its
 * certificate, and the fleet CA it trusts. Hands them out in the forms Vert.x (in-memory PKCS#12
 * and PEM, since the event bus copies its options through JSON) and plain JSSE take.
 */
public final class AgentIdentity {

  private static final String ALIAS = "agent";

  private final PrivateKey key;
  private final X509Certificate certificate;
  private final X509Certificate authority;
  /** Protects the in-memory PKCS#12 only; it never leaves this process. */
  private final char[] storePassword;
  private final byte[] pkcs12;

  AgentIdentity(PrivateKey key, X509Certificate certificate, X509Certificate authority) {
    this.key = key;
    this.certificate = certificate;
    this.authority = authority;
    byte[] r = new byte[18];
    new SecureRandom().nextBytes(r);
    this.storePassword = Base64.getEncoder().encodeToString(r).toCharArray();
    this.pkcs12 = encodePkcs12();
  }

  public X509Certificate certificate() {
    return certificate;
  }

  public X509Certificate authority() {
    return authority;
  }

  /**
   * The key and certificate for Vert.x. PEM would be simpler, but Vert.x 5's PEM reader knows
   * RSA and EC keys only; PKCS#12 takes any key the JDK knows, Ed25519 included.
   */
  public PfxOptions keyCertOptions() {
    return new PfxOptions().setValue(Buffer.buffer(pkcs12)).setPassword(new String(storePassword))
        .setAlias(ALIAS);
  }

  /** Trust the fleet CA and nothing else (no system CAs). */
  public PemTrustOptions trustOptions() {
    return new PemTrustOptions().addCertValue(Buffer.buffer(CertificateWriter.pem(authority)));
  }

  /** This identity's key managers, for plain JSSE. */
  public KeyManager[] keyManagers() {
    try {
      KeyStore keys = KeyStore.getInstance("PKCS12");
      keys.load(new ByteArrayInputStream(pkcs12), storePassword);
      KeyManagerFactory kmf = KeyManagerFactory.getInstance("PKIX");
      kmf.init(keys, storePassword);
      return kmf.getKeyManagers();
    } catch (GeneralSecurityException | IOException e) {
      throw new IllegalStateException(e);
    }
  }

  /** The same identity for plain JSSE (SSLSocket, SSLEngine): trusts the fleet CA alone. */
  public SSLContext sslContext() {
    try {
      KeyStore trust = KeyStore.getInstance("PKCS12");
      trust.load(null, null);
      trust.setCertificateEntry("fleet-ca", authority);
      TrustManagerFactory tmf = TrustManagerFactory.getInstance("PKIX");
      tmf.init(trust);
      SSLContext context = SSLContext.getInstance("TLSv1.3");
      context.init(keyManagers(), tmf.getTrustManagers(), null);
      return context;
    } catch (GeneralSecurityException | IOException e) {
      throw new IllegalStateException(e);
    }
  }

  private byte[] encodePkcs12() {
    try {
      KeyStore store = KeyStore.getInstance("PKCS12");
      store.load(null, null);
      // the leaf alone: every peer already holds the CA, so the handshake stays small
      store.setKeyEntry(ALIAS, key, storePassword, new Certificate[] {certificate});
      ByteArrayOutputStream out = new ByteArrayOutputStream();
      store.store(out, storePassword);
      return out.toByteArray();
    } catch (GeneralSecurityException | IOException e) {
      throw new IllegalStateException(e);
    }
  }
}
