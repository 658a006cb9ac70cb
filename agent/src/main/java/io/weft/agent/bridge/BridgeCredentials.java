package io.weft.agent.bridge;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.weft.agent.tls.ClientCredentials;
import io.weft.common.ErrorCode;
import io.weft.common.WeftException;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * What the agent's API does with bridge credentials, for {@code weft credentials}: signs one and
 * enters it on the fleet's list, lists them, revokes by name or serial. Each call blocks (the
 * fleet's maps are asked): the API runs them off its event loop.
 */
public final class BridgeCredentials {

  private static final Pattern SERIAL = Pattern.compile("[0-9a-f]{1,40}");
  private static final Pattern NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._@-]{0,63}");

  private final ClientCredentials signer;
  private final CredentialRegister register;
  private final String host;

  /** @param host this agent's host, named as the issuer and the revoker */
  public BridgeCredentials(ClientCredentials signer, CredentialRegister register, String host) {
    this.signer = signer;
    this.register = register;
    this.host = host;
  }

  /** Signs the request's public key: {@code {"certificate", "ca", "serial", "notAfter"}}. */
  public JsonObject sign(JsonObject request) {
    register.requireRoom();
    String name = request.getValue("name") instanceof String s ? s : null;
    Instant after = name == null ? null : register.revocations().nameRevokedAt(name).orElse(null);
    ClientCredentials.Signed signed = signer.sign(request, after);
    IssuedCredential issued = new IssuedCredential(BridgeClient.serial(signed.certificate()),
        Revocations.commonName(signed.certificate()), request.getBoolean("readOnly", true),
        signed.certificate().getNotBefore().toInstant(), signed.certificate().getNotAfter().toInstant(),
        host, Instant.now().truncatedTo(ChronoUnit.SECONDS));
    register.issued(issued);
    return new JsonObject().put("certificate", signed.certificatePem()).put("ca", signed.caPem())
        .put("serial", issued.serial()).put("notAfter", issued.notAfter().toString());
  }

  /** {@code {"credentials": [...], "revocations": [...]}}, each credential with why it is refused, if it is. */
  public JsonObject list() {
    Revocations revocations = register.revocations();
    JsonArray credentials = new JsonArray();
    for (IssuedCredential c : register.issued()) {
      JsonObject json = c.toJson();
      String refusal = revocations.refusal(c.name(), c.serial(), c.notBefore());
      if (refusal != null) {
        json.put("revoked", refusal);
      }
      credentials.add(json);
    }
    JsonArray revoked = new JsonArray();
    revocations.all().stream().sorted((a, b) -> a.at().compareTo(b.at())).forEach(r -> revoked.add(r.toJson()));
    return new JsonObject().put("credentials", credentials).put("revocations", revoked);
  }

  /** Revokes {@code {"name": N}} or {@code {"serial": HEX}} for the whole fleet. */
  public JsonObject revoke(JsonObject request) {
    for (String field : request.fieldNames()) {
      if (!Set.of("name", "serial").contains(field)) {
        throw bad("a revocation names a \"name\" or a \"serial\" alone");
      }
    }
    Object name = request.getValue("name");
    Object serial = request.getValue("serial");
    if ((name == null) == (serial == null)) {
      throw bad("a revocation names a \"name\" or a \"serial\", one of them");
    }
    Revocation revocation;
    Instant now = Instant.now();
    if (serial != null) {
      String hex = serial instanceof String s ? s.toLowerCase().replace(":", "").replaceFirst("^0+(?=.)", "") : "";
      if (!SERIAL.matcher(hex).matches()) {
        throw bad("a serial is the hex weft credentials --list shows");
      }
      revocation = new Revocation(true, hex, now, host);
    } else {
      if (!(name instanceof String text) || !NAME.matcher(text).matches()) {
        throw bad("a credential's name is 1 to 64 letters, digits and ._@-");
      }
      revocation = new Revocation(false, text, now, host);
    }
    List<IssuedCredential> matched = register.revoke(revocation);
    JsonArray list = new JsonArray();
    matched.forEach(c -> list.add(c.toJson()));
    return new JsonObject().put("revoked", revocation.toJson()).put("credentials", list);
  }

  private static WeftException bad(String message) {
    return new WeftException(ErrorCode.BAD_REQUEST, message);
  }
}
