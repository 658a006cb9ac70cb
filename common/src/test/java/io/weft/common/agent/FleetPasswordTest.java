package io.weft.common.agent;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.weft.common.ErrorCode;
import io.weft.common.WeftException;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class FleetPasswordTest {

  private static final FleetPassword A = FleetPassword.of("correct horse battery staple");
  private static final FleetPassword B = FleetPassword.of("another fleet's password!");

  @Test
  void aGeneratedPasswordHas128RandomBitsAndNeverShowsInText() {
    FleetPassword made = FleetPassword.generate();
    assertEquals(22, made.reveal().length());
    assertTrue(made.reveal().matches("[A-Za-z0-9_-]{22}"), made.reveal());
    assertNotEquals(made, FleetPassword.generate());
    assertFalse(made.toString().contains(made.reveal()));
  }

  @Test
  void aFileGivesItsLineWithoutTheLineEndAndAnyStringWorks() {
    assertEquals("s3cret pass", FleetPassword.fromFile("s3cret pass\n").reveal());
    assertEquals("s3cret pass", FleetPassword.fromFile("s3cret pass\r\n").reveal());
    assertEquals(" spaced \n", FleetPassword.fromFile(" spaced \n\n").reveal());
    assertEquals("ünïcödé", FleetPassword.of("ünïcödé").reveal());
    assertThrows(WeftException.class, () -> FleetPassword.fromFile("\n"));
  }

  @Test
  void aLaunchKeepsWhatTheHostHasTakesWhatIsGivenOrMakesANewFleets() {
    assertEquals(A, FleetPassword.choose(Optional.of(A), Optional.empty(), true));
    assertEquals(A, FleetPassword.choose(Optional.of(A), Optional.of(A), true));
    assertEquals(B, FleetPassword.choose(Optional.empty(), Optional.of(B), true));
    FleetPassword made = FleetPassword.choose(Optional.empty(), Optional.empty(), false);
    WeftException joining = assertThrows(WeftException.class,
        () -> FleetPassword.choose(Optional.empty(), Optional.empty(), true));
    assertEquals(ErrorCode.BAD_REQUEST, joining.code());
    assertTrue(joining.getMessage().contains("joining a fleet needs its password"), joining.getMessage());
    WeftException other = assertThrows(WeftException.class,
        () -> FleetPassword.choose(Optional.of(A), Optional.of(B), false));
    assertTrue(other.getMessage().contains("keeps the password of another fleet"), other.getMessage());
  }
}
