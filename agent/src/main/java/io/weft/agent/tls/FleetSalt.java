package io.weft.agent.tls;

import io.weft.common.ErrorCode;
import io.weft.common.WeftException;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.security.auth.x500.X500Principal;
import org.bouncycastle.asn1.ASN1Encodable;
import org.bouncycastle.asn1.ASN1String;
import org.bouncycastle.asn1.x500.RDN;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x500.style.BCStyle;

/**
 * Which derivation a fleet's keys come from, and the salt that makes them that fleet's alone.
 *
 * <p>The second scheme ({@code weft-fleet-v2}) salts Argon2id with a random id its founder made
 * once: a guessing run against one fleet serves against no other. The id is not secret: the
 * fleet's CA names it in its subject ({@code OU=weft-fleet-v2 ID}), so every certificate its
 * agents show carries it in their issuer, and a joining host reads it there before deriving (see
 * {@link SaltProbe}). The first scheme ({@code weft-fleet-v1}, PBKDF2 with one salt for every
 * fleet) is that of fleets founded before; its CA has no such unit.
 *
 * <p>A fleet founded by a host whose join candidates did not answer is marked {@code alone}
 * ({@code OU=weft-fleet-v2 ID alone}): its hosts take the salt of the fleet they were sent to
 * join once it answers ({@link SaltAdoption}), as hosts of one password always merged before
 * fleets had salts of their own.
 *
 * @param scheme which derivation
 * @param id the fleet's random id: 32 hex digits, or null in the first scheme
 * @param alone whether the fleet was founded by a host whose candidates did not answer
 */
public record FleetSalt(Scheme scheme, String id, boolean alone) {

  /** The derivations weft has used, oldest first. */
  public enum Scheme {
    PBKDF2_V1("weft-fleet-v1"),
    ARGON2ID_V2("weft-fleet-v2");

    private final String label;

    Scheme(String label) {
      this.label = label;
    }

    /** The scheme's name, in files and certificates: {@code weft-fleet-v2}. */
    public String label() {
      return label;
    }
  }

  private static final int ID_BYTES = 16;
  private static final Pattern ID = Pattern.compile("[0-9a-f]{32}");
  private static final Pattern TEXT = Pattern.compile("weft-fleet-v2[/ ]([0-9a-f]{32})(?:[/ ](alone))?");

  public FleetSalt {
    if (scheme == Scheme.PBKDF2_V1 ? id != null || alone : id == null || !ID.matcher(id).matches()) {
      throw new IllegalArgumentException("not a fleet salt: " + scheme + " " + id + (alone ? " alone" : ""));
    }
  }

  /** A new fleet's: 128 random bits (RFC 9106 asks for 128 bits of salt). */
  public static FleetSalt generate() {
    return generate(false);
  }

  /** A new fleet's, founded by a host whose candidates did not answer when {@code alone}. */
  public static FleetSalt generate(boolean alone) {
    byte[] id = new byte[ID_BYTES];
    new SecureRandom().nextBytes(id);
    return new FleetSalt(Scheme.ARGON2ID_V2, HexFormat.of().formatHex(id), alone);
  }

  /** The salt of fleets founded before fleets had their own: the same for all of them. */
  public static FleetSalt firstScheme() {
    return new FleetSalt(Scheme.PBKDF2_V1, null, false);
  }

  /** The inverse of {@link #toString}: {@code weft-fleet-v2/ID[/alone]} or {@code weft-fleet-v1}. */
  public static FleetSalt parse(String text) {
    if (Scheme.PBKDF2_V1.label().equals(text)) {
      return firstScheme();
    }
    Matcher m = TEXT.matcher(text == null ? "" : text);
    if (!m.matches()) {
      throw new WeftException(ErrorCode.BAD_REQUEST, "not a fleet salt: " + text
          + " (weft-fleet-v2/ and 32 hex digits, or weft-fleet-v1)");
    }
    return new FleetSalt(Scheme.ARGON2ID_V2, m.group(1), m.group(2) != null);
  }

  /**
   * The fleet a certificate's issuer says it belongs to: the salt named in a weft fleet CA's
   * subject, the first scheme when that subject names none, or empty when the issuer is no weft
   * fleet CA at all (some other server).
   */
  public static Optional<FleetSalt> ofIssuer(X500Principal issuer) {
    X500Name name = X500Name.getInstance(issuer.getEncoded());
    if (!FleetCertificates.ORGANISATION.equals(single(name, BCStyle.O))
        || !FleetCertificates.CA_NAME.equals(single(name, BCStyle.CN))) {
      return Optional.empty();
    }
    RDN[] units = name.getRDNs(BCStyle.OU);
    if (units.length == 0) {
      return Optional.of(firstScheme());
    }
    Matcher m = TEXT.matcher(units.length == 1 ? text(units[0].getFirst().getValue()) : "");
    return m.matches() ? Optional.of(new FleetSalt(Scheme.ARGON2ID_V2, m.group(1), m.group(2) != null))
        : Optional.empty();
  }

  /** The organisational unit the fleet CA's subject carries; null in the first scheme. */
  public String unit() {
    return id == null ? null : scheme.label() + " " + id + (alone ? " alone" : "");
  }

  /** The id's 16 bytes, Argon2id's salt. */
  byte[] bytes() {
    return HexFormat.of().parseHex(id);
  }

  /**
   * Whether a host of this fleet should take {@code offered}, the salt of a fleet of its password
   * among its join candidates, and move into that fleet:
   *
   * <ul>
   *   <li>a fleet founded alone takes one that was not (the fleet its hosts were sent to join),
   *       and of another founded alone the lower salt, so two that founded apart agree on one
   *       whichever sees the other first;
   *   <li>a fleet of the first scheme takes one of the second not founded alone: one of its
   *       hosts was moved to a salt of its own ({@code weft upgrade-keys}) and the rest follow;
   *   <li>any other fleet keeps its salt.
   * </ul>
   */
  public boolean yieldsTo(FleetSalt offered) {
    if (equals(offered)) {
      return false;
    }
    if (alone) {
      return !offered.alone || offered.id.compareTo(id) < 0;
    }
    return scheme == Scheme.PBKDF2_V1 && !offered.alone;
  }

  /** Whether a host of this fleet looks for one to move into ({@link #yieldsTo}). */
  public boolean mayYield() {
    return alone || scheme == Scheme.PBKDF2_V1;
  }

  @Override
  public String toString() {
    return id == null ? scheme.label() : scheme.label() + "/" + id + (alone ? "/alone" : "");
  }

  private static String single(X500Name name, org.bouncycastle.asn1.ASN1ObjectIdentifier type) {
    RDN[] rdns = name.getRDNs(type);
    return rdns.length == 1 ? text(rdns[0].getFirst().getValue()) : null;
  }

  private static String text(ASN1Encodable value) {
    return value instanceof ASN1String s ? s.getString() : "";
  }
}
