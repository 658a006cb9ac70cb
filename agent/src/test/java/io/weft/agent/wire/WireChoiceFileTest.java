package io.weft.agent.wire;

import static org.junit.jupiter.api.Assertions.*;

import io.weft.common.agent.AgentState;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class WireChoiceFileTest {

  @TempDir
  Path state;

  private static Map<String, WireRecord> others(boolean encrypt) {
    Map<String, WireRecord> m = new HashMap<>();
    m.put("host1", new WireRecord("host1", "172.29.0.11", "k", 6784, encrypt, "wireguard-go", Map.of()));
    return m;
  }

  @Test
  void aFounderChoosesAndEveryLaterStartKeepsTheChoice() {
    assertFalse(WireChoiceFile.encrypt(state, true, true, HashMap::new, () -> true, "host1"));
    assertFalse(WireChoiceFile.encrypt(state, true, false, HashMap::new, () -> true, "host1"), "kept, whatever launch asks now");
    Path other = state.resolve("b");
    assertTrue(WireChoiceFile.encrypt(other, true, false, HashMap::new, () -> true, "host1"), "encrypted unless asked");
  }

  @Test
  void aJoiningHostTakesItsFleetsChoiceAndCannotAskForLess() {
    assertFalse(WireChoiceFile.encrypt(state, false, false, () -> others(false), () -> false, "host2"));
    assertTrue(WireChoiceFile.encrypt(state.resolve("b"), false, true, () -> others(true), () -> false, "host2"),
        "--no-encrypt from a joining host weakens nothing");
  }

  @Test
  void aJoiningHostAloneInItsClusterTakesEncryptionWithoutWaitingForEntriesThatCannotCome() {
    AtomicInteger asked = new AtomicInteger();
    assertTrue(WireChoiceFile.encrypt(state, false, true, () -> {
      asked.incrementAndGet();
      return new HashMap<>();
    }, () -> true, "host2"), "encrypted, even with --no-encrypt asked");
    assertEquals(1, asked.get(), "the entries looked at once, not again and again until the bound");
    assertTrue(WireChoiceFile.encrypt(state, false, false, () -> others(false), () -> false, "host2"),
        "the choice is kept: a plain fleet met later weakens nothing");
  }

  @Test
  void aJoiningHostWaitsForTheFirstEntryWhileItHasCompany() {
    AtomicInteger asked = new AtomicInteger();
    assertFalse(WireChoiceFile.encrypt(state, false, false,
        () -> asked.incrementAndGet() < 3 ? new HashMap<>() : others(false), () -> false, "host2"));
    assertEquals(3, asked.get(), "asked until the fleet's entry came in");
  }

  @Test
  void theKeyIsMadeOnceAndKeptForItsOwnerAlone() throws Exception {
    var key = WireChoiceFile.key(state);
    assertEquals(key, WireChoiceFile.key(state));
    Path file = state.resolve(AgentState.WIREGUARD_KEY_FILE);
    assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(file)));
    assertEquals(key.base64() + "\n", Files.readString(file));
  }
}
