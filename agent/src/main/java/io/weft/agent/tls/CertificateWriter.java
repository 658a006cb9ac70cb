package io.weft.agent.tls;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.math.BigInteger;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.Signature;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;

/**
 * Writes and signs X.509 v3 certificates with the JDK alone: the JDK has no public API to build
 * one, and this is 150 lines where BouncyCastle would add 9.5 MB to the agent. Two shapes: a CA ({@link #authority}) and a TLS end
 * entity for both server and client use ({@link #endEntity}). Ed25519 and ECDSA P-256 signers.
 */
final class CertificateWriter {

  private static final String OID_CN = "2.5.4.3";
  private static final String OID_O = "2.5.4.10";
  private static final String OID_OU = "2.5.4.11";
  private static final String OID_BASIC_CONSTRAINTS = "2.5.29.19";
  private static final String OID_KEY_USAGE = "2.5.29.15";
  private static final String OID_EXT_KEY_USAGE = "2.5.29.37";
  private static final String OID_SUBJECT_ALT_NAME = "2.5.29.17";
  private static final String OID_SUBJECT_KEY_ID = "2.5.29.14";
  private static final String OID_AUTHORITY_KEY_ID = "2.5.29.35";
  private static final String OID_SERVER_AUTH = "1.3.6.1.5.5.7.3.1";
  private static final String OID_CLIENT_AUTH = "1.3.6.1.5.5.7.3.2";

  private final String organisation;

  CertificateWriter(String organisation) {
    this.organisation = organisation;
  }

  /** A CA certificate, self-signed; deterministic when the signature is (Ed25519 is). */
  X509Certificate authority(String commonName, BigInteger serial, ZonedDateTime notBefore,
      ZonedDateTime notAfter, PublicKey key, PrivateKey signer) {
    byte[] name = name(commonName);
    byte[] keyId = keyId(key);
    List<byte[]> extensions = List.of(
        extension(OID_BASIC_CONSTRAINTS, true, Der.sequence(Der.bool(true), Der.integer(0))),
        // keyCertSign (bit 5) and cRLSign (bit 6): 0b0000_0110 with one unused bit
        extension(OID_KEY_USAGE, true, Der.bitString(1, new byte[] {0x06})),
        extension(OID_SUBJECT_KEY_ID, false, Der.octetString(keyId)));
    return sign(serial, name, notBefore, notAfter, name, key, extensions, signer);
  }

  /** An end entity certificate for TLS (server and client), naming a host and its addresses. */
  X509Certificate endEntity(String hostName, List<InetAddress> addresses, BigInteger serial,
      ZonedDateTime notBefore, ZonedDateTime notAfter, PublicKey key, X509Certificate issuer,
      PrivateKey issuerKey) {
    List<byte[]> altNames = new ArrayList<>();
    altNames.add(Der.tagged(2, false, hostName.getBytes(StandardCharsets.US_ASCII)));
    for (InetAddress a : addresses) {
      altNames.add(Der.tagged(7, false, a.getAddress()));
    }
    List<byte[]> extensions = List.of(
        extension(OID_BASIC_CONSTRAINTS, true, Der.sequence()),
        // digitalSignature (bit 0): 0b1000_0000 with seven unused bits
        extension(OID_KEY_USAGE, true, Der.bitString(7, new byte[] {(byte) 0x80})),
        extension(OID_EXT_KEY_USAGE, false,
            Der.sequence(Der.oid(OID_SERVER_AUTH), Der.oid(OID_CLIENT_AUTH))),
        extension(OID_SUBJECT_ALT_NAME, false, Der.sequence(altNames.toArray(byte[][]::new))),
        extension(OID_SUBJECT_KEY_ID, false, Der.octetString(keyId(key))),
        extension(OID_AUTHORITY_KEY_ID, false,
            Der.sequence(Der.tagged(0, false, keyId(issuer.getPublicKey())))));
    byte[] issuerName = issuer.getSubjectX500Principal().getEncoded();
    return sign(serial, issuerName, notBefore, notAfter, name(hostName), key, extensions,
        issuerKey);
  }

  /**
   * A TLS client certificate for a program on the bridge: {@code O=weft, OU=ROLE, CN=NAME}, for
   * client authentication alone (it cannot serve, nor join the cluster: the cluster's ports trust
   * another authority).
   */
  X509Certificate client(String name, String role, BigInteger serial, ZonedDateTime notBefore,
      ZonedDateTime notAfter, PublicKey key, X509Certificate issuer, PrivateKey issuerKey) {
    List<byte[]> extensions = List.of(
        extension(OID_BASIC_CONSTRAINTS, true, Der.sequence()),
        extension(OID_KEY_USAGE, true, Der.bitString(7, new byte[] {(byte) 0x80})),
        extension(OID_EXT_KEY_USAGE, false, Der.sequence(Der.oid(OID_CLIENT_AUTH))),
        extension(OID_SUBJECT_KEY_ID, false, Der.octetString(keyId(key))),
        extension(OID_AUTHORITY_KEY_ID, false,
            Der.sequence(Der.tagged(0, false, keyId(issuer.getPublicKey())))));
    byte[] subject = Der.sequence(
        Der.set(Der.sequence(Der.oid(OID_O), Der.utf8String(organisation))),
        Der.set(Der.sequence(Der.oid(OID_OU), Der.utf8String(role))),
        Der.set(Der.sequence(Der.oid(OID_CN), Der.utf8String(name))));
    return sign(serial, issuer.getSubjectX500Principal().getEncoded(), notBefore, notAfter, subject,
        key, extensions, issuerKey);
  }

  private X509Certificate sign(BigInteger serial, byte[] issuer, ZonedDateTime notBefore,
      ZonedDateTime notAfter, byte[] subject, PublicKey key, List<byte[]> extensions,
      PrivateKey signer) {
    byte[] algorithm = signatureAlgorithm(signer);
    byte[] tbs = Der.sequence(
        Der.tagged(0, true, Der.integer(2)), // v3
        Der.integer(serial),
        algorithm,
        issuer,
        Der.sequence(Der.time(notBefore), Der.time(notAfter)),
        subject,
        key.getEncoded(), // SubjectPublicKeyInfo, as the JDK encodes it
        Der.tagged(3, true, Der.sequence(extensions.toArray(byte[][]::new))));
    try {
      Signature s = Signature.getInstance(signatureName(signer));
      s.initSign(signer);
      s.update(tbs);
      byte[] der = Der.sequence(tbs, algorithm, Der.bitString(0, s.sign()));
      return (X509Certificate) CertificateFactory.getInstance("X.509")
          .generateCertificate(new ByteArrayInputStream(der));
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("cannot sign a certificate with " + signer.getAlgorithm(), e);
    }
  }

  private byte[] name(String commonName) {
    return Der.sequence(
        Der.set(Der.sequence(Der.oid(OID_O), Der.utf8String(organisation))),
        Der.set(Der.sequence(Der.oid(OID_CN), Der.utf8String(commonName))));
  }

  private static byte[] extension(String oid, boolean critical, byte[] value) {
    return critical
        ? Der.sequence(Der.oid(oid), Der.bool(true), Der.octetString(value))
        : Der.sequence(Der.oid(oid), Der.octetString(value));
  }

  /** 20 bytes of SHA-256 over the SubjectPublicKeyInfo (RFC 7093 method 1, truncated). */
  static byte[] keyId(PublicKey key) {
    try {
      return Arrays.copyOf(MessageDigest.getInstance("SHA-256").digest(key.getEncoded()), 20);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }

  private static String signatureName(PrivateKey signer) {
    return switch (signer.getAlgorithm()) {
      case "Ed25519", "EdDSA" -> "Ed25519";
      case "EC" -> "SHA256withECDSA";
      default -> throw new IllegalArgumentException("unsupported signer " + signer.getAlgorithm());
    };
  }

  private static byte[] signatureAlgorithm(PrivateKey signer) {
    // RFC 8410: Ed25519 has no parameters; RFC 5758: ecdsa-with-SHA256 has none either
    return "EC".equals(signer.getAlgorithm())
        ? Der.sequence(Der.oid("1.2.840.10045.4.3.2"))
        : Der.sequence(Der.oid("1.3.101.112"));
  }

  /** PEM text of a certificate. */
  static String pem(X509Certificate certificate) {
    try {
      ByteArrayOutputStream out = new ByteArrayOutputStream();
      out.writeBytes("-----BEGIN CERTIFICATE-----\n".getBytes(StandardCharsets.US_ASCII));
      out.writeBytes(Base64.getMimeEncoder(64, new byte[] {'\n'})
          .encode(certificate.getEncoded()));
      out.writeBytes("\n-----END CERTIFICATE-----\n".getBytes(StandardCharsets.US_ASCII));
      return out.toString(StandardCharsets.US_ASCII);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }
}
