package io.weft.agent.bridge;

import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import javax.naming.InvalidNameException;
import javax.naming.ldap.LdapName;
import javax.naming.ldap.Rdn;

/**
 * The credentials this agent refuses, as it knows them now: read at every handshake of the bridge
 * and by every open connection when one is added. A serial refuses that certificate; a name
 * refuses every certificate of that name valid from that moment or before (so a credential made
 * later under the same name is good: the signer dates it after the revocation).
 */
public final class Revocations {

  private final Map<String, Revocation> byKey = new ConcurrentHashMap<>();
  private final List<Consumer<Revocation>> listeners = new CopyOnWriteArrayList<>();

  /**
   * Adds {@code revocation}; true when it refuses more than before (a new key, or a name revoked
   * later than it was). Listeners are told of what changed, on the caller's thread.
   */
  public boolean add(Revocation revocation) {
    synchronized (byKey) {
      Revocation before = byKey.get(revocation.key());
      if (revocation.laterOf(before) != revocation || revocation.equals(before)) {
        return false;
      }
      byKey.put(revocation.key(), revocation);
    }
    listeners.forEach(l -> l.accept(revocation));
    return true;
  }

  /** Every revocation known, one per key. */
  public List<Revocation> all() {
    return List.copyOf(byKey.values());
  }

  /** When {@code name} was last revoked by name, if it was. */
  public Optional<Instant> nameRevokedAt(String name) {
    Revocation r = byKey.get(new Revocation(false, name, Instant.EPOCH, "").key());
    return Optional.ofNullable(r).map(Revocation::at);
  }

  /** Why {@code certificate} is refused, or null when it is not. */
  public String refusal(X509Certificate certificate) {
    return refusal(commonName(certificate), BridgeClient.serial(certificate),
        certificate.getNotBefore().toInstant());
  }

  /** Why the credential is refused, or null when it is not. */
  public String refusal(String name, String serial, Instant notBefore) {
    Revocation bySerial = byKey.get(new Revocation(true, serial, Instant.EPOCH, "").key());
    if (bySerial != null) {
      return "the credential " + name + " (serial " + serial + ") was revoked at " + bySerial.at();
    }
    Optional<Instant> byName = name == null ? Optional.empty() : nameRevokedAt(name);
    if (byName.isPresent() && !notBefore.isAfter(byName.get())) {
      return "the credentials named " + name + " made before " + byName.get() + " were revoked";
    }
    return null;
  }

  /** Tells {@code listener} of each revocation that refuses more, from now on. */
  public Runnable onRevoked(Consumer<Revocation> listener) {
    listeners.add(listener);
    return () -> listeners.remove(listener);
  }

  static String commonName(X509Certificate certificate) {
    try {
      for (Rdn rdn : new LdapName(certificate.getSubjectX500Principal().getName()).getRdns()) {
        if (rdn.getType().equalsIgnoreCase("CN")) {
          return String.valueOf(rdn.getValue());
        }
      }
    } catch (InvalidNameException e) {
      return null;
    }
    return null;
  }
}
