package io.weft.agent.tls;

import io.vertx.core.json.JsonObject;
import io.weft.agent.state.StateFiles;
import io.weft.common.agent.FleetPassword;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.logging.Logger;

/**
 * The slow part of the key derivation, paid once per host rather than at every start. The
 * agent's JVM compiles with C1 alone (C2 would cost it about 30 MB), which has no SHA-256
 * intrinsic: a million PBKDF2 iterations take 2.5 s or more there, against 0.3 s with C2. So the
 * master secret is kept in the state volume ({@value #FILE}, mode 0600), bound to the password
 * it comes from; a restarted agent (a rebooted host) takes it from there at once, and derives
 * again only when the password, the scheme or the cost changed. The file tells nothing that the
 * password file beside it does not.
 */
final class KeyCache {

  static final String FILE = "fleet-keys.json";
  private static final Logger LOG = Logger.getLogger(KeyCache.class.getName());

  private KeyCache() {}

  static KeyDerivation derive(FleetPassword password, int iterations, Path stateDir) {
    Path file = stateDir.resolve(FILE);
    JsonObject kept = StateFiles.readJson(file);
    try {
      if (KeyDerivation.SCHEME.equals(kept.getString("scheme"))
          && kept.getInteger("iterations", 0) == iterations && kept.getString("master") != null) {
        KeyDerivation cached = KeyDerivation.fromMaster(HexFormat.of().parseHex(kept.getString("master")));
        if (MessageDigest.isEqual(HexFormat.of().parseHex(kept.getString("check", "")), check(cached, password))) {
          return cached;
        }
      }
    } catch (RuntimeException unreadable) {
      LOG.warning(file + " does not hold derived keys (" + unreadable + "); deriving them again");
    }
    KeyDerivation derived = KeyDerivation.fromPassword(password.reveal().toCharArray(), iterations);
    try {
      StateFiles.writePrivate(file, new JsonObject().put("scheme", KeyDerivation.SCHEME)
          .put("iterations", iterations).put("master", HexFormat.of().formatHex(derived.master()))
          .put("check", HexFormat.of().formatHex(check(derived, password))).encodePrettily() + "\n");
    } catch (RuntimeException e) {
      LOG.warning("could not keep the derived keys in " + file + ": " + e.getMessage());
    }
    return derived;
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
