package io.weft.agent.cluster;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class DepartedMembersTest {

  @Test
  void aDepartedMemberIsKnownUntilManyLaterOnesPushItOut() {
    DepartedMembers departed = new DepartedMembers();
    departed.add("first");
    assertTrue(departed.contains("first"));
    assertFalse(departed.contains("another"));
    assertFalse(departed.contains(null), "a record without a member id is no departed member's");
    for (int i = 0; i < DepartedMembers.KEPT - 1; i++) {
      departed.add("later " + i);
    }
    assertTrue(departed.contains("first"), "kept while within the bound");
    departed.add("one more");
    assertFalse(departed.contains("first"), "the oldest forgotten past the bound");
    assertTrue(departed.contains("one more"));
  }
}
