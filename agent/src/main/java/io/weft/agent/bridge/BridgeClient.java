package io.weft.agent.bridge;

import io.weft.agent.tls.FleetCertificates;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.util.List;
import javax.naming.InvalidNameException;
import javax.naming.ldap.LdapName;
import javax.naming.ldap.Rdn;

/**
 * Who is on the other end of a bridge connection, read from the certificate it showed (which
 * the handshake already checked against the bridge clients' authority): its name ({@code CN})
 * and whether it may only read ({@code OU=read-only}).
 */
public record BridgeClient(String name, boolean readOnly) {

  /** From the peer's certificate chain; a client without one reads as read-only and unnamed. */
  public static BridgeClient of(List<Certificate> chain) {
    if (chain == null || chain.isEmpty() || !(chain.get(0) instanceof X509Certificate leaf)) {
      return new BridgeClient("?", true);
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
      return new BridgeClient("?", true);
    }
    // anything but the full role reads only: a certificate must say it may change things
    return new BridgeClient(name, !FleetCertificates.FULL_ROLE.equals(role));
  }

  @Override
  public String toString() {
    return name + (readOnly ? " (read-only)" : "");
  }
}
