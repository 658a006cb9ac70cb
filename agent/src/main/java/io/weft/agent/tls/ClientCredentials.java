package io.weft.agent.tls;

import io.vertx.core.json.JsonObject;
import io.weft.common.ErrorCode;
import io.weft.common.WeftException;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PublicKey;
import java.security.spec.X509EncodedKeySpec;
import java.time.Duration;
import java.util.Base64;
import java.util.regex.Pattern;

/**
 * Signs a bridge client's public key for {@code weft credentials}, in the agent that holds the
 * authority: {@code {"name": N, "readOnly": B, "publicKey": BASE64, "days": D}} → {@code
 * {"certificate": PEM, "ca": PEM}} (the client's certificate, and the fleet CA it checks the
 * agents with). The private key stays with whoever made it.
 */
public final class ClientCredentials {

  private static final Pattern NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._@-]{0,63}");
  static final int DEFAULT_DAYS = 365;
  private static final int MAX_DAYS = 3650;

  private final FleetCertificates clients;
  private final FleetTls fleet;

  public ClientCredentials(FleetCertificates clients, FleetTls fleet) {
    this.clients = clients;
    this.fleet = fleet;
  }

  /** The signed credential; a malformed request is a BAD_REQUEST. */
  public JsonObject sign(JsonObject request) {
    String name = request.getValue("name") instanceof String s ? s : null;
    if (name == null || !NAME.matcher(name).matches()) {
      throw bad("a credential's name is 1 to 64 letters, digits and ._@- (got " + name + ")");
    }
    boolean readOnly = Boolean.TRUE.equals(request.getValue("readOnly"));
    int days = request.getValue("days") instanceof Integer d ? d : DEFAULT_DAYS;
    if (days < 1 || days > MAX_DAYS) {
      throw bad("a credential is valid for 1 to " + MAX_DAYS + " days");
    }
    PublicKey key = publicKey(request.getValue("publicKey"));
    return new JsonObject()
        .put("certificate", CertificateWriter.pem(clients.issueClient(name, readOnly, key, Duration.ofDays(days))))
        .put("ca", CertificateWriter.pem(fleet.identity().authority()));
  }

  private static PublicKey publicKey(Object value) {
    if (!(value instanceof String text)) {
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
        return KeyFactory.getInstance(algorithm).generatePublic(new X509EncodedKeySpec(der));
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
