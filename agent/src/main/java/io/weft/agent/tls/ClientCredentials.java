package io.weft.agent.tls;

import io.vertx.core.json.JsonObject;
import io.weft.common.ErrorCode;
import io.weft.common.WeftException;
import io.weft.common.bus.BridgeContract;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PublicKey;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.temporal.ChronoUnit;
import java.util.Base64;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Signs a bridge client's public key for {@code weft credentials}, in the agent that holds the
 * authority: {@code {"name": N, "readOnly": B, "publicKey": BASE64, "days": D}} → the client's
 * certificate, and the fleet CA it checks the agents with. The private key stays with whoever
 * made it. A credential reads only unless it asks otherwise ({@code "readOnly": false}), and
 * lives {@value BridgeContract#DEFAULT_DAYS} days unless it asks for up to {@value
 * BridgeContract#MAX_DAYS}.
 */
public final class ClientCredentials {

  private static final Pattern NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._@-]{0,63}");
  private static final Set<String> FIELDS = Set.of("name", "readOnly", "days", "publicKey");
  /** A public key in DER is a few hundred bytes; an RSA one of 8192 bits about a kilobyte. */
  private static final int MAX_KEY_CHARACTERS = 4096;
  /** Clocks of the machines a client runs on may be this far behind the agent's. */
  private static final Duration CLOCK_SKEW = Duration.ofHours(1);

  /** A signed credential: the certificate, and it and the fleet CA in PEM. */
  public record Signed(X509Certificate certificate, String certificatePem, String caPem) {}

  private final FleetCertificates clients;
  private final FleetTls fleet;

  public ClientCredentials(FleetCertificates clients, FleetTls fleet) {
    this.clients = clients;
    this.fleet = fleet;
  }

  /**
   * The signed credential; a malformed request is a BAD_REQUEST.
   *
   * @param startsAfter the credential is valid only from after this instant (a revocation of
   *     its name), or null
   */
  public Signed sign(JsonObject request, Instant startsAfter) {
    for (String field : request.fieldNames()) {
      if (!FIELDS.contains(field)) {
        throw bad("a credential's request has " + String.join(", ", FIELDS.stream().sorted().toList())
            + " alone, not \"" + (field.length() <= 40 ? field : field.substring(0, 40) + "...") + "\"");
      }
    }
    String name = request.getValue("name") instanceof String s ? s : null;
    if (name == null || !NAME.matcher(name).matches()) {
      throw bad("a credential's name is 1 to 64 letters, digits and ._@- (got "
          + (name == null ? null : name.length() <= 70 ? name : name.substring(0, 70) + "...") + ")");
    }
    Object readOnly = request.getValue("readOnly", true);
    if (!(readOnly instanceof Boolean)) {
      throw bad("\"readOnly\" is true or false");
    }
    Object days = request.getValue("days", BridgeContract.DEFAULT_DAYS);
    if (!(days instanceof Integer d) || d < 1 || d > BridgeContract.MAX_DAYS) {
      throw bad("a credential is valid for 1 to " + BridgeContract.MAX_DAYS + " days");
    }
    PublicKey key = publicKey(request.getValue("publicKey"));
    ZonedDateTime now = ZonedDateTime.now(ZoneOffset.UTC).truncatedTo(ChronoUnit.SECONDS);
    ZonedDateTime notBefore = now.minus(CLOCK_SKEW);
    if (startsAfter != null && !notBefore.toInstant().isAfter(startsAfter)) {
      notBefore = ZonedDateTime.ofInstant(startsAfter.truncatedTo(ChronoUnit.SECONDS).plusSeconds(1),
          ZoneOffset.UTC);
    }
    X509Certificate certificate = clients.issueClient(name, (Boolean) readOnly, key, notBefore,
        now.plusDays((Integer) days));
    return new Signed(certificate, CertificateWriter.pem(certificate),
        CertificateWriter.pem(fleet.identity().authority()));
  }

  private static PublicKey publicKey(Object value) {
    if (!(value instanceof String text) || text.length() > MAX_KEY_CHARACTERS) {
      throw bad("\"publicKey\" is the base64 of an X.509 SubjectPublicKeyInfo");
    }
    byte[] der;
    try {
      der = Base64.getDecoder().decode(text);
    } catch (IllegalArgumentException e) {
      throw bad("\"publicKey\" is not base64");
    }
    for (String algorithm : new String[] {"EC", "Ed25519", "RSA"}) {
      try {
        return KeyFactory.getInstance(algorithm).generatePublic(new java.security.spec.X509EncodedKeySpec(der));
      } catch (GeneralSecurityException | IllegalArgumentException notThisOne) {
        // the next kind
      }
    }
    throw bad("\"publicKey\" is no EC, Ed25519 or RSA public key");
  }

  private static WeftException bad(String message) {
    return new WeftException(ErrorCode.BAD_REQUEST, message);
  }
}
