package io.weft.agent.tls;

import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.net.InetAddress;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.cert.X509Certificate;
import java.time.ZonedDateTime;
import java.util.Arrays;
import java.util.Date;
import java.util.List;
import org.bouncycastle.asn1.DEROctetString;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x500.X500NameBuilder;
import org.bouncycastle.asn1.x500.style.BCStyle;
import org.bouncycastle.asn1.x509.AuthorityKeyIdentifier;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.ExtendedKeyUsage;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.asn1.x509.SubjectKeyIdentifier;
import org.bouncycastle.asn1.x509.SubjectPublicKeyInfo;
import org.bouncycastle.cert.CertIOException;
import org.bouncycastle.cert.X509v3CertificateBuilder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.openssl.jcajce.JcaPEMWriter;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/**
 * Writes and signs weft's X.509 v3 certificates with BouncyCastle's builders, signing through the
 * JDK's own providers (Ed25519 and ECDSA P-256). Three shapes: a CA ({@link #authority}), a TLS
 * end entity for both server and client use ({@link #endEntity}), and a bridge client ({@link
 * #client}). A CA made twice from the same key, name and dates is the same bytes: Ed25519 signs
 * deterministically, and nothing else in it varies.
 */
final class CertificateWriter {

  private final String organisation;

  CertificateWriter(String organisation) {
    this.organisation = organisation;
  }

  /**
   * A CA certificate, self-signed: {@code O=organisation[, OU=unit], CN=commonName}.
   *
   * @param unit the subject's organisational unit, or null for none
   */
  X509Certificate authority(String commonName, String unit, BigInteger serial, ZonedDateTime notBefore,
      ZonedDateTime notAfter, PublicKey key, PrivateKey signer) {
    X500Name name = name(unit, commonName);
    X509v3CertificateBuilder builder = builder(name, serial, notBefore, notAfter, name, key);
    try {
      builder.addExtension(Extension.basicConstraints, true, new BasicConstraints(0))
          .addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.keyCertSign | KeyUsage.cRLSign))
          .addExtension(Extension.subjectKeyIdentifier, false, new SubjectKeyIdentifier(keyId(key)));
    } catch (CertIOException e) {
      throw new IllegalStateException("cannot encode a CA's extensions", e);
    }
    return sign(builder, signer);
  }

  /** An end entity certificate for TLS (server and client), naming a host and its addresses. */
  X509Certificate endEntity(String hostName, List<InetAddress> addresses, BigInteger serial,
      ZonedDateTime notBefore, ZonedDateTime notAfter, PublicKey key, X509Certificate issuer,
      PrivateKey issuerKey) {
    GeneralName[] altNames = new GeneralName[addresses.size() + 1];
    altNames[0] = new GeneralName(GeneralName.dNSName, hostName);
    for (int i = 0; i < addresses.size(); i++) {
      altNames[i + 1] = new GeneralName(GeneralName.iPAddress, new DEROctetString(addresses.get(i).getAddress()));
    }
    X509v3CertificateBuilder builder = builder(issuerName(issuer), serial, notBefore, notAfter,
        name(null, hostName), key);
    try {
      builder.addExtension(Extension.basicConstraints, true, new BasicConstraints(false))
          .addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.digitalSignature))
          .addExtension(Extension.extendedKeyUsage, false, new ExtendedKeyUsage(
              new KeyPurposeId[] {KeyPurposeId.id_kp_serverAuth, KeyPurposeId.id_kp_clientAuth}))
          .addExtension(Extension.subjectAlternativeName, false, new GeneralNames(altNames))
          .addExtension(Extension.subjectKeyIdentifier, false, new SubjectKeyIdentifier(keyId(key)))
          .addExtension(Extension.authorityKeyIdentifier, false,
              new AuthorityKeyIdentifier(keyId(issuer.getPublicKey())));
    } catch (CertIOException e) {
      throw new IllegalStateException("cannot encode an agent certificate's extensions", e);
    }
    return sign(builder, issuerKey);
  }

  /**
   * A TLS client certificate for a program on the bridge: {@code O=weft, OU=ROLE, CN=NAME}, for
   * client authentication alone (it cannot serve, nor join the cluster: the cluster's ports trust
   * another authority).
   */
  X509Certificate client(String name, String role, BigInteger serial, ZonedDateTime notBefore,
      ZonedDateTime notAfter, PublicKey key, X509Certificate issuer, PrivateKey issuerKey) {
    X509v3CertificateBuilder builder = builder(issuerName(issuer), serial, notBefore, notAfter,
        name(role, name), key);
    try {
      builder.addExtension(Extension.basicConstraints, true, new BasicConstraints(false))
          .addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.digitalSignature))
          .addExtension(Extension.extendedKeyUsage, false, new ExtendedKeyUsage(KeyPurposeId.id_kp_clientAuth))
          .addExtension(Extension.subjectKeyIdentifier, false, new SubjectKeyIdentifier(keyId(key)))
          .addExtension(Extension.authorityKeyIdentifier, false,
              new AuthorityKeyIdentifier(keyId(issuer.getPublicKey())));
    } catch (CertIOException e) {
      throw new IllegalStateException("cannot encode a client certificate's extensions", e);
    }
    return sign(builder, issuerKey);
  }

  private static X509v3CertificateBuilder builder(X500Name issuer, BigInteger serial,
      ZonedDateTime notBefore, ZonedDateTime notAfter, X500Name subject, PublicKey key) {
    // the key's SubjectPublicKeyInfo exactly as the JDK encodes it
    return new X509v3CertificateBuilder(issuer, serial, Date.from(notBefore.toInstant()),
        Date.from(notAfter.toInstant()), subject, SubjectPublicKeyInfo.getInstance(key.getEncoded()));
  }

  private static X509Certificate sign(X509v3CertificateBuilder builder, PrivateKey signer) {
    try {
      return new JcaX509CertificateConverter().getCertificate(
          builder.build(new JcaContentSignerBuilder(signatureName(signer)).build(signer)));
    } catch (OperatorCreationException | GeneralSecurityException e) {
      throw new IllegalStateException("cannot sign a certificate with " + signer.getAlgorithm(), e);
    }
  }

  /** {@code O=organisation[, OU=unit], CN=commonName}, each a UTF8String. */
  private X500Name name(String unit, String commonName) {
    X500NameBuilder name = new X500NameBuilder(BCStyle.INSTANCE).addRDN(BCStyle.O, organisation);
    if (unit != null) {
      name.addRDN(BCStyle.OU, unit);
    }
    return name.addRDN(BCStyle.CN, commonName).build();
  }

  /** The issuer's subject, as its certificate encodes it. */
  private static X500Name issuerName(X509Certificate issuer) {
    return X500Name.getInstance(issuer.getSubjectX500Principal().getEncoded());
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

  /** PEM text of a certificate. */
  static String pem(X509Certificate certificate) {
    StringWriter text = new StringWriter();
    try (JcaPEMWriter pem = new JcaPEMWriter(text)) {
      pem.writeObject(certificate);
    } catch (IOException e) {
      throw new UncheckedIOException("a PEM in memory cannot fail", e);
    }
    return text.toString();
  }
}
