package io.weft.agent.tls;

import java.math.BigInteger;
import java.net.InetAddress;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.MessageDigest;
import java.security.PublicKey;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.security.spec.NamedParameterSpec;
import java.time.Duration;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.HexFormat;
import java.util.List;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The fleet's certificate authority, made from the fleet password: every agent that knows the
 * password derives the same CA key pair and the same (byte-identical: Ed25519 signs
 * deterministically) CA certificate, trusts only it, and signs a certificate for a fresh key
 * pair of its own at every start ({@link #issue}). The agent's private key is never written
 * anywhere.
 *
 * <p>Every agent holds the CA key, so a certificate proves "knows the fleet password" and no
 * more: weft checks no host names, which would add nothing against a holder of the password.
 */
public final class FleetCertificates {

  /** Key types for the CA and the agents' own keys. */
  public enum KeyType { ED25519, P256 }

  static final String ORGANISATION = "weft";
  static final String CA_NAME = "weft fleet CA";
  private static final String CLIENTS_CA_NAME = "weft bridge clients CA";
  /** The organisational unit of a bridge client's certificate that may read and not change. */
  public static final String READ_ONLY_ROLE = "read-only";
  public static final String FULL_ROLE = "operator";
  private static final ZonedDateTime CA_NOT_BEFORE =
      ZonedDateTime.of(2000, 1, 1, 0, 0, 0, 0, ZoneOffset.UTC);
  /** RFC 5280's "no well-defined expiration date". */
  private static final ZonedDateTime CA_NOT_AFTER =
      ZonedDateTime.of(9999, 12, 31, 23, 59, 59, 0, ZoneOffset.UTC);
  /** Hosts' clocks may disagree a little: a certificate is valid from a day before it is made. */
  private static final Duration CLOCK_SKEW = Duration.ofDays(1);
  private static final Duration LEAF_LIFETIME = Duration.ofDays(3650);

  private final KeyPair caKeys;
  private final X509Certificate ca;
  private final CertificateWriter writer = new CertificateWriter(ORGANISATION);
  private final SecureRandom random = new SecureRandom();

  private FleetCertificates(KeyPair caKeys, X509Certificate ca) {
    this.caKeys = caKeys;
    this.ca = ca;
  }

  /**
   * The fleet CA (Ed25519) from an already derived password. By RFC 8032 a 32-byte seed is the
   * Ed25519 private key, so the key pair is the same on every JDK. Its subject names the fleet's
   * salt ({@link FleetSalt#unit}), so the agents' certificates tell a joining host which fleet
   * they are of.
   */
  public static FleetCertificates derive(KeyDerivation kdf, FleetSalt salt) {
    return fromSeed(kdf.secret("ca-ed25519"), KeyType.ED25519, CA_NAME, salt.unit());
  }

  /** The CA of a fleet of the first scheme, whose subject names no salt. */
  public static FleetCertificates derive(KeyDerivation kdf) {
    return derive(kdf, FleetSalt.firstScheme());
  }

  /**
   * The authority of the bridge's clients ({@code weft credentials}), made from the password as
   * the fleet CA is, but another key: the cluster's ports trust the fleet CA alone, so a client's
   * certificate opens the bridge and nothing else.
   */
  public static FleetCertificates deriveClients(KeyDerivation kdf, FleetSalt salt) {
    return fromSeed(kdf.secret("bridge-clients-ed25519"), KeyType.ED25519, CLIENTS_CA_NAME, salt.unit());
  }

  /** The bridge clients' authority of a fleet of the first scheme. */
  public static FleetCertificates deriveClients(KeyDerivation kdf) {
    return deriveClients(kdf, FleetSalt.firstScheme());
  }

  private static FleetCertificates fromSeed(byte[] seed, KeyType caType, String name, String unit) {
    KeyPair keys = deterministicKeyPair(seed, caType);
    BigInteger serial = new BigInteger(1, CertificateWriter.keyId(keys.getPublic()));
    X509Certificate ca = new CertificateWriter(ORGANISATION).authority(name, unit, serial,
        CA_NOT_BEFORE, CA_NOT_AFTER, keys.getPublic(), keys.getPrivate());
    return new FleetCertificates(keys, ca);
  }

  /**
   * A key pair that depends on {@code seed} alone. For Ed25519 it is exactly RFC 8032's. For
   * P-256 it relies on how the JDK's generator draws its random bytes, which is stable in
   * practice but not specified: one more reason for Ed25519 as the CA's type.
   */
  static KeyPair deterministicKeyPair(byte[] seed, KeyType type) {
    try {
      SecureRandom stream = new SeedStream(seed);
      KeyPairGenerator generator;
      if (type == KeyType.ED25519) {
        generator = KeyPairGenerator.getInstance("Ed25519");
        generator.initialize(NamedParameterSpec.ED25519, stream);
      } else {
        generator = KeyPairGenerator.getInstance("EC");
        generator.initialize(new ECGenParameterSpec("secp256r1"), stream);
      }
      return generator.generateKeyPair();
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }

  /** The trust anchor every agent of this fleet has. */
  public X509Certificate authority() {
    return ca;
  }

  /**
   * Whether {@code certificate} was signed by this authority: how a joining host checks that the
   * fleet it asked is the one its password makes, before it joins.
   */
  public boolean signed(X509Certificate certificate) {
    if (!certificate.getIssuerX500Principal().equals(ca.getSubjectX500Principal())) {
      return false;
    }
    try {
      certificate.verify(ca.getPublicKey());
      return true;
    } catch (GeneralSecurityException wrongKey) {
      return false;
    }
  }

  /** SHA-256 of the CA certificate: the fleet's public identity, safe to show and compare. */
  public String fingerprint() {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(ca.getEncoded()));
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }

  /**
   * A fresh P-256 key pair for this agent and its certificate, signed by the fleet CA. P-256
   * because the JDK's Ed25519 is pure Java: handshakes take twice as long with it.
   */
  public AgentIdentity issue(String hostName, List<InetAddress> addresses) {
    return issue(hostName, addresses, KeyType.P256);
  }

  AgentIdentity issue(String hostName, List<InetAddress> addresses, KeyType type) {
    try {
      KeyPairGenerator generator;
      if (type == KeyType.ED25519) {
        generator = KeyPairGenerator.getInstance("Ed25519");
      } else {
        generator = KeyPairGenerator.getInstance("EC");
        generator.initialize(new ECGenParameterSpec("secp256r1"));
      }
      KeyPair keys = generator.generateKeyPair();
      ZonedDateTime now = ZonedDateTime.now(ZoneOffset.UTC).withNano(0);
      X509Certificate leaf = writer.endEntity(hostName, addresses,
          new BigInteger(127, random).setBit(120), now.minus(CLOCK_SKEW),
          now.plus(LEAF_LIFETIME), keys.getPublic(), ca, caKeys.getPrivate());
      return new AgentIdentity(keys.getPrivate(), leaf, ca);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }

  /**
   * Signs a bridge client's public key: {@code O=weft, OU=operator|read-only, CN=name}, valid
   * from a day ago (clock skew) for {@code lifetime}.
   */
  public X509Certificate issueClient(String name, boolean readOnly, PublicKey key, Duration lifetime) {
    ZonedDateTime now = ZonedDateTime.now(ZoneOffset.UTC).withNano(0);
    return writer.client(name, readOnly ? READ_ONLY_ROLE : FULL_ROLE,
        new BigInteger(127, random).setBit(120), now.minus(CLOCK_SKEW), now.plus(lifetime), key, ca,
        caKeys.getPrivate());
  }

  /** As {@link #issueClient}, with explicit validity: tests make expired ones. */
  public X509Certificate issueClient(String name, boolean readOnly, PublicKey key, ZonedDateTime notBefore,
      ZonedDateTime notAfter) {
    return writer.client(name, readOnly ? READ_ONLY_ROLE : FULL_ROLE,
        new BigInteger(127, random).setBit(120), notBefore, notAfter, key, ca, caKeys.getPrivate());
  }

  /** Serves a fixed stream: the seed, then HMAC-SHA256(seed, counter) blocks. */
  private static final class SeedStream extends SecureRandom {
    private static final long serialVersionUID = 1L;
    private final transient Mac mac;
    private byte[] block;
    private int used;
    private int counter;

    SeedStream(byte[] seed) throws GeneralSecurityException {
      this.mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(seed, "HmacSHA256"));
      this.block = seed.clone();
    }

    @Override
    public synchronized void nextBytes(byte[] bytes) {
      for (int i = 0; i < bytes.length; i++) {
        if (used == block.length) {
          block = mac.doFinal(new byte[] {(byte) (counter >> 24), (byte) (counter >> 16),
              (byte) (counter >> 8), (byte) counter++});
          used = 0;
        }
        bytes[i] = block[used++];
      }
    }
  }
}
