package io.weft.shell.cli;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.weft.common.ErrorCode;
import io.weft.common.WeftException;
import io.weft.common.agent.FleetPassword;
import org.junit.jupiter.api.Test;

/** The floor a chosen fleet password must clear, and that weft's own passwords always clear. */
class PasswordStrengthTest {

  @Test
  void aPasswordEasyToGuessIsRefusedInOneLineThatSaysWhatToDo() {
    for (String weak : new String[] {"hunter2", "password123456789", "weftfleet2026", "Tr0ub4dor&3",
        "aaaaaaaaaaaaaaaaaaaaaaaaaaaa", "qwertyuiopasdfgh"}) {
      WeftException refused = assertThrows(WeftException.class,
          () -> PasswordStrength.check(FleetPassword.of(weak)), weak);
      assertEquals(ErrorCode.BAD_REQUEST, refused.code());
      assertTrue(refused.getMessage().startsWith("the fleet password is too weak: about 10^"), refused.getMessage());
      assertTrue(refused.getMessage().contains("--force"), refused.getMessage());
      assertFalse(refused.getMessage().contains(weak), "the refusal never repeats the password");
      assertFalse(refused.getMessage().contains("\n"));
    }
  }

  @Test
  void aLongPassphraseOrRandomTextClearsTheFloor() {
    for (String strong : new String[] {"correct horse battery staple", "my dog has fleas in winter",
        "sjdkfhgtyeurhdjs", "xK9#mQ2$vL8@pR4z"}) {
      assertDoesNotThrow(() -> PasswordStrength.check(FleetPassword.of(strong)), strong);
    }
  }

  @Test
  void everyPasswordWeftMakesClearsTheFloor() {
    for (int i = 0; i < 100; i++) {
      FleetPassword made = FleetPassword.generate();
      assertTrue(PasswordStrength.guessesLog10(made) >= PasswordStrength.FLOOR_LOG10, made.reveal());
    }
  }
}
