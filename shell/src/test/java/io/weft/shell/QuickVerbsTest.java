package io.weft.shell;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.weft.common.command.Verbs;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** The {@code weft} script's quick path takes the host verbs, every one of them and no other. */
class QuickVerbsTest {

  @Test
  void theScriptsQuickVerbsAreTheHostVerbs() throws Exception {
    String script = Files.readString(Path.of("..", "weft"));
    Matcher list = Pattern.compile("(?m)^quick_verbs=\" (.*) \"$").matcher(script);
    if (!list.find()) {
      throw new AssertionError("the weft script has no quick_verbs=\" ... \" line");
    }
    Set<String> inScript = new TreeSet<>(Arrays.asList(list.group(1).split(" ")));
    assertEquals(new TreeSet<>(Verbs.names()), inScript);
  }
}
