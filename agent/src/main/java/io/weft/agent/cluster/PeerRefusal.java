package io.weft.agent.cluster;

import java.security.cert.CertPathValidatorException;
import java.security.cert.CertificateException;
import javax.net.ssl.SSLException;

/**
 * Tells a peer of another fleet from one that is only out of reach. Two hosts whose passwords
 * differ trust different CAs: the side that dials rejects the other's certificate in the
 * handshake (a certificate path error), or, in TLS 1.3, hears the other reject its own (a
 * {@code bad_certificate} or {@code unknown_ca} alert). A timeout or a refused connection is
 * neither.
 */
final class PeerRefusal {

  private static final String[] REJECTION_ALERTS = {
      "bad_certificate", "unknown_ca", "certificate_unknown", "access_denied"};

  private PeerRefusal() {}

  /** True when {@code failure} says the two ends are not of the same fleet. */
  static boolean isForeignCertificate(Throwable failure) {
    for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
      if (t instanceof CertificateException || t instanceof CertPathValidatorException) {
        return true;
      }
      if (t instanceof SSLException && t.getMessage() != null) {
        for (String alert : REJECTION_ALERTS) {
          if (t.getMessage().contains(alert)) {
            return true;
          }
        }
      }
    }
    return false;
  }
}
