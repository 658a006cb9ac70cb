package io.weft.agent.tls;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import io.weft.common.agent.FleetPassword;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The derivation is paid once per host, and never stands for another password than its own. */
class KeyCacheTest {

  private static final FleetPassword PASSWORD = FleetPassword.of("correct horse battery staple");

  @Test
  void theSecondStartTakesTheKeptDerivationAndTheFileIsRootsAlone(@TempDir Path state) throws Exception {
    KeyDerivation first = KeyCache.derive(PASSWORD, 1000, state);
    Path file = state.resolve(KeyCache.FILE);
    assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(file)));
    long written = Files.getLastModifiedTime(file).toMillis();
    KeyDerivation second = KeyCache.derive(PASSWORD, 1000, state);
    assertArrayEquals(first.master(), second.master());
    assertArrayEquals(KeyDerivation.fromPassword(PASSWORD.reveal().toCharArray(), 1000).master(), second.master());
    assertEquals(written, Files.getLastModifiedTime(file).toMillis());
  }

  @Test
  void anotherPasswordOrCostOrABrokenFileIsDerivedAgain(@TempDir Path state) throws Exception {
    byte[] kept = KeyCache.derive(PASSWORD, 1000, state).master();
    FleetPassword other = FleetPassword.of("another fleet's password");
    byte[] derived = KeyCache.derive(other, 1000, state).master();
    assertFalse(Arrays.equals(kept, derived));
    assertArrayEquals(KeyDerivation.fromPassword(other.reveal().toCharArray(), 1000).master(), derived);
    assertArrayEquals(KeyDerivation.fromPassword(other.reveal().toCharArray(), 2000).master(),
        KeyCache.derive(other, 2000, state).master());
    Files.writeString(state.resolve(KeyCache.FILE), "{\"scheme\": \"weft-fleet-v1\", \"iterations\": 1000, \"master\": \"zz\"}");
    assertArrayEquals(kept, KeyCache.derive(PASSWORD, 1000, state).master());
  }
}
