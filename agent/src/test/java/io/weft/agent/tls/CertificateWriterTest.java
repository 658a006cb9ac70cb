package io.weft.agent.tls;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.weft.agent.UnitLocks;
import java.io.ByteArrayInputStream;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.time.Duration;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.Base64;
import java.util.List;
import org.bouncycastle.asn1.ASN1OctetString;
import org.bouncycastle.asn1.x509.AuthorityKeyIdentifier;
import org.bouncycastle.asn1.x509.SubjectKeyIdentifier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.parallel.ResourceLock;

/** The certificates BouncyCastle's builders write: their fields, and a CA the same on every host. */
@ResourceLock(UnitLocks.BOUNDED_CRYPTO)
class CertificateWriterTest {

  /**
   * The fleet CA of the password "pw" (PBKDF2 at 1,000 iterations, the first scheme) as the
   * hand-written DER writer made it before BouncyCastle's builders replaced it: a fleet founded
   * then keeps the very same authority, byte for byte.
   */
  private static final String OLD_WRITERS_CA = "MIIBWDCCAQqgAwIBAgIVALgnOIMqWjJvmQ0twzZc3DrlPEEDMAUGAytlcDAnMQ0wCwYDVQQKDAR3ZWZ0MRYwFAYDVQQD"
      + "DA13ZWZ0IGZsZWV0IENBMCAXDTAwMDEwMTAwMDAwMFoYDzk5OTkxMjMxMjM1OTU5WjAnMQ0wCwYDVQQKDAR3ZWZ0MRYwFAYDVQQD"
      + "DA13ZWZ0IGZsZWV0IENBMCowBQYDK2VwAyEARxWrCGTMOOpLqmn9vR4UxYJKA2i08g+/Wf2OwgU6WEqjRTBDMBIGA1UdEwEB/wQI"
      + "MAYBAf8CAQAwDgYDVR0PAQH/BAQDAgEGMB0GA1UdDgQWBBS4JziDKloyb5kNLcM2XNw65TxBAzAFBgMrZXADQQAjzVM4PxOnL+Mt"
      + "XN46bWTlxdz/bBWVFZHmQPS6ByjXD9j0B9YwzEdTM9hN+g5g962xLfvjEtkDCSqPFZ7b85cG";

  private static FleetCertificates oldScheme(String password) {
    return FleetCertificates.derive(KeyDerivation.fromPassword(password.toCharArray(), 1000));
  }

  @Test
  void aFleetFoundedBeforeKeepsItsAuthorityByteForByte() throws Exception {
    assertArrayEquals(Base64.getDecoder().decode(OLD_WRITERS_CA), oldScheme("pw").authority().getEncoded());
    assertArrayEquals(oldScheme("pw").authority().getEncoded(), oldScheme("pw").authority().getEncoded());
  }

  @Test
  void theAuthorityIsAnEd25519CaForCertificatesAlone() throws Exception {
    X509Certificate ca = oldScheme("pw").authority();
    assertEquals(3, ca.getVersion());
    assertEquals("CN=weft fleet CA,O=weft", ca.getSubjectX500Principal().getName());
    assertEquals(ca.getSubjectX500Principal(), ca.getIssuerX500Principal());
    assertEquals(0, ca.getBasicConstraints());
    // keyCertSign and cRLSign alone
    boolean[] usage = ca.getKeyUsage();
    for (int bit = 0; bit < usage.length; bit++) {
      assertEquals(bit == 5 || bit == 6, usage[bit], "key usage bit " + bit);
    }
    assertTrue(ca.getCriticalExtensionOIDs().containsAll(List.of("2.5.29.19", "2.5.29.15")));
    assertEquals(ZonedDateTime.of(2000, 1, 1, 0, 0, 0, 0, ZoneOffset.UTC).toInstant(), ca.getNotBefore().toInstant());
    assertEquals(ZonedDateTime.of(9999, 12, 31, 23, 59, 59, 0, ZoneOffset.UTC).toInstant(), ca.getNotAfter().toInstant());
    assertEquals("Ed25519", ca.getSigAlgName());
    ca.verify(ca.getPublicKey());
    assertArrayEquals(CertificateWriter.keyId(ca.getPublicKey()), subjectKeyId(ca));
  }

  @Test
  void anAgentsCertificateServesAndConnectsForItsHostAndAddress() throws Exception {
    FleetCertificates fleet = oldScheme("pw");
    AgentIdentity agent = fleet.issue("host1", List.of(InetAddress.getByName("172.29.0.11")));
    X509Certificate leaf = agent.certificate();
    assertEquals("CN=host1,O=weft", leaf.getSubjectX500Principal().getName());
    assertEquals(fleet.authority().getSubjectX500Principal(), leaf.getIssuerX500Principal());
    assertEquals(List.of(List.of(2, "host1"), List.of(7, "172.29.0.11")), List.copyOf(leaf.getSubjectAlternativeNames()));
    assertEquals(List.of("1.3.6.1.5.5.7.3.1", "1.3.6.1.5.5.7.3.2"), leaf.getExtendedKeyUsage());
    assertEquals(-1, leaf.getBasicConstraints());
    assertTrue(leaf.getKeyUsage()[0]);
    assertEquals("EC", leaf.getPublicKey().getAlgorithm());
    assertEquals("Ed25519", leaf.getSigAlgName());
    assertArrayEquals(CertificateWriter.keyId(fleet.authority().getPublicKey()), authorityKeyId(leaf));
    assertArrayEquals(CertificateWriter.keyId(leaf.getPublicKey()), subjectKeyId(leaf));
    Duration life = Duration.between(leaf.getNotBefore().toInstant(), leaf.getNotAfter().toInstant());
    assertEquals(Duration.ofDays(3651), life, "a day of clock skew and ten years");
    leaf.verify(fleet.authority().getPublicKey());
  }

  @Test
  void aBridgeClientsCertificateOnlyConnectsAndSaysItsRole() throws Exception {
    FleetCertificates clients = FleetCertificates.deriveClients(KeyDerivation.fromPassword("pw".toCharArray(), 1000));
    KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
    generator.initialize(new ECGenParameterSpec("secp256r1"));
    KeyPair key = generator.generateKeyPair();
    X509Certificate reader = clients.issueClient("grafana", true, key.getPublic(), Duration.ofDays(7));
    assertEquals("CN=grafana,OU=read-only,O=weft", reader.getSubjectX500Principal().getName());
    assertEquals("CN=weft bridge clients CA,O=weft", reader.getIssuerX500Principal().getName());
    assertEquals(List.of("1.3.6.1.5.5.7.3.2"), reader.getExtendedKeyUsage());
    assertNull(reader.getSubjectAlternativeNames());
    assertArrayEquals(key.getPublic().getEncoded(), reader.getPublicKey().getEncoded());
    reader.verify(clients.authority().getPublicKey());
    X509Certificate operator = clients.issueClient("ops", false, key.getPublic(), Duration.ofDays(7));
    assertEquals("CN=ops,OU=operator,O=weft", operator.getSubjectX500Principal().getName());
    assertFalse(reader.getSerialNumber().equals(operator.getSerialNumber()));
  }

  @Test
  void pemRoundTrips() throws Exception {
    X509Certificate ca = oldScheme("pw").authority();
    String pem = CertificateWriter.pem(ca);
    assertTrue(pem.startsWith("-----BEGIN CERTIFICATE-----\n"), pem);
    assertTrue(pem.endsWith("-----END CERTIFICATE-----\n"), pem);
    X509Certificate read = (X509Certificate) CertificateFactory.getInstance("X.509")
        .generateCertificate(new ByteArrayInputStream(pem.getBytes(StandardCharsets.US_ASCII)));
    assertEquals(ca, read);
  }

  private static byte[] subjectKeyId(X509Certificate certificate) {
    return SubjectKeyIdentifier.getInstance(ASN1OctetString.getInstance(
        certificate.getExtensionValue("2.5.29.14")).getOctets()).getKeyIdentifier();
  }

  private static byte[] authorityKeyId(X509Certificate certificate) {
    return AuthorityKeyIdentifier.getInstance(ASN1OctetString.getInstance(
        certificate.getExtensionValue("2.5.29.35")).getOctets()).getKeyIdentifier();
  }
}
