package io.weft.agent.tls;

import io.vertx.core.json.JsonObject;
import io.weft.agent.state.StateFiles;
import io.weft.common.agent.FleetPassword;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Optional;
import java.util.logging.Logger;

/**
 * The slow part of the key derivation, paid once per host rather than at every start: the
 * master secret is kept in the state volume ({@value #FILE}, mode 0600), bound to the password,
 * the salt and the cost it comes from; a restarted agent (a rebooted host) takes it from there at
 * once, and derives again only when one of them changed. The file tells nothing that the
 * password file beside it does not.
 *
 * <p>Files written before fleets had salts of their own ({@code "scheme": "weft-fleet-v1"}) are
 * read as they are: an upgraded host of such a fleet keeps its keys.
 */
final class KeyCache {

  static final String FILE = "fleet-keys.json";
  private static final Logger LOG = Logger.getLogger(KeyCache.class.getName());

  private KeyCache() {}

  /** The keys kept for exactly this password, salt and cost; empty when there are none. */
  static Optional<KeyDerivation> kept(FleetPassword password, FleetSalt salt, DerivationCost cost,
      Path stateDir) {
    return read(password, stateDir).filter(k -> k.salt().equals(salt) && sameCost(k.file(), salt, cost))
        .map(Kept::keys);
  }

  /** The salt of the keys kept for this password, whatever their cost: an old host's scheme. */
  static Optional<FleetSalt> keptSalt(FleetPassword password, Path stateDir) {
    return read(password, stateDir).map(Kept::salt);
  }

  /** Keeps {@code keys} for the next start. A failure to write is logged: it only costs time. */
  static void keep(KeyDerivation keys, FleetPassword password, FleetSalt salt, DerivationCost cost,
      Path stateDir) {
    Path file = stateDir.resolve(FILE);
    JsonObject record = new JsonObject().put("scheme", salt.scheme().label());
    if (salt.scheme() == FleetSalt.Scheme.PBKDF2_V1) {
      record.put("iterations", cost.iterations());
    } else {
      record.put("salt", salt.toString()).put("memoryKiB", cost.memoryKiB()).put("passes", cost.passes())
          .put("lanes", cost.lanes());
    }
    record.put("master", HexFormat.of().formatHex(keys.master()))
        .put("check", HexFormat.of().formatHex(check(keys, password)));
    try {
      StateFiles.writePrivate(file, record.encodePrettily() + "\n");
    } catch (RuntimeException e) {
      LOG.warning("could not keep the derived keys in " + file + ": " + e.getMessage());
    }
  }

  private record Kept(FleetSalt salt, KeyDerivation keys, JsonObject file) {}

  private static Optional<Kept> read(FleetPassword password, Path stateDir) {
    Path file = stateDir.resolve(FILE);
    JsonObject kept = StateFiles.readJson(file);
    if (kept.isEmpty()) {
      return Optional.empty();
    }
    try {
      String scheme = kept.getString("scheme");
      FleetSalt salt = FleetSalt.Scheme.PBKDF2_V1.label().equals(scheme) ? FleetSalt.firstScheme()
          : FleetSalt.parse(kept.getString("salt"));
      KeyDerivation keys = KeyDerivation.fromMaster(HexFormat.of().parseHex(kept.getString("master")));
      if (MessageDigest.isEqual(HexFormat.of().parseHex(kept.getString("check", "")), check(keys, password))) {
        return Optional.of(new Kept(salt, keys, kept));
      }
    } catch (RuntimeException unreadable) {
      LOG.warning(file + " does not hold derived keys (" + unreadable.getMessage() + "); deriving them again");
    }
    return Optional.empty();
  }

  private static boolean sameCost(JsonObject file, FleetSalt salt, DerivationCost cost) {
    if (salt.scheme() == FleetSalt.Scheme.PBKDF2_V1) {
      return file.getInteger("iterations", 0) == cost.iterations();
    }
    return file.getInteger("memoryKiB", 0) == cost.memoryKiB() && file.getInteger("passes", 0) == cost.passes()
        && file.getInteger("lanes", 0) == cost.lanes();
  }

  /** Binds the master secret to the password it was derived from. */
  private static byte[] check(KeyDerivation kdf, FleetPassword password) {
    try {
      MessageDigest digest = MessageDigest.getInstance("SHA-256");
      digest.update(kdf.secret("password-check"));
      return digest.digest(password.bytes());
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is part of every JDK", e);
    }
  }
}
