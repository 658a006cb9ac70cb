package io.weft.agent;

import static org.junit.jupiter.api.Assertions.*;

import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class ArchiveTrainingTest {

  @Test
  void everyListedClassIsOneOfThisBuildSoTheArchiveKeepsWhatAnAgentLoads() throws Exception {
    List<String> listed = ArchiveTraining.listed();
    assertFalse(listed.isEmpty(), ArchiveTraining.CLASS_LIST + " is on the class path");
    List<String> gone = listed.stream().filter(name -> !ArchiveTraining.load(name)).toList();
    assertEquals(List.of(), gone, "renamed or removed: make the list again (docs/image.md)");
  }

  @Test
  void theListNamesEachClassOnceAndNoClassMadeAtRunTime() throws Exception {
    Set<String> seen = new HashSet<>();
    for (String name : ArchiveTraining.listed()) {
      assertTrue(seen.add(name), name + " twice");
      assertFalse(name.contains("$$Lambda") || name.contains("/0x"), name + " is made at run time");
    }
  }
}
