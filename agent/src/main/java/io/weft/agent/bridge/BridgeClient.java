package io.weft.agent.bridge;

import io.weft.agent.tls.FleetCertificates;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.List;
import javax.naming.InvalidNameException;
import javax.naming.ldap.LdapName;
import javax.naming.ldap.Rdn;

/**
 * Who is on the other end of a bridge connection, read from the certificate it showed (which
 * the handshake already checked against the bridge clients' authority and the revocations): its
 * name ({@code CN}), whether it may only read ({@code OU=read-only}), the certificate's serial
 * (which tells one credential from another of the same name) and when it is valid.
 */
public record BridgeClient(String name, boolean readOnly, String serial, Instant notBefore,
    Instant notAfter) {

  /** From the peer's certificate chain; a client without one reads as read-only and unnamed. */
  public static BridgeClient of(List<Certificate> chain) {
    if (chain == null || chain.isEmpty() || !(chain.get(0) instanceof X509Certificate leaf)) {
      return new BridgeClient("?", true, "?", Instant.EPOCH, Instant.EPOCH);
    }
    String name = "?";
    String role = null;
    try {
      for (Rdn rdn : new LdapName(leaf.getSubjectX500Principal().getName()).getRdns()) {
        if (rdn.getType().equalsIgnoreCase("CN")) {
          name = String.valueOf(rdn.getValue());
        } else if (rdn.getType().equalsIgnoreCase("OU")) {
          role = String.valueOf(rdn.getValue());
        }
      }
    } catch (InvalidNameException e) {
      return new BridgeClient("?", true, serial(leaf), leaf.getNotBefore().toInstant(),
          leaf.getNotAfter().toInstant());
    }
    // anything but the full role reads only: a certificate must say it may change things
    return new BridgeClient(name, !FleetCertificates.FULL_ROLE.equals(role), serial(leaf),
        leaf.getNotBefore().toInstant(), leaf.getNotAfter().toInstant());
  }

  /** A certificate's serial as weft shows it: lowercase hex. */
  public static String serial(X509Certificate certificate) {
    return certificate.getSerialNumber().toString(16);
  }

  /** This credential, as the commands it sends say who they come from. */
  public String origin() {
    return "bridge:" + name + " " + serial;
  }

  @Override
  public String toString() {
    return name + (readOnly ? " (read-only)" : "");
  }
}
