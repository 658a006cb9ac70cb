package io.weft.common.words;

import io.weft.common.bus.Target;
import io.weft.common.text.ListStyle;
import java.util.ArrayList;
import java.util.List;

/**
 * A line of words as the command line's quick path and the shell read it: a verb with its
 * arguments, and {@code --host NAME} ({@code --host=NAME}), {@code --json}, {@code -q} and
 * {@code --format TEMPLATE} among them. One reader for both, so they cannot drift apart; picocli
 * reads everything else.
 *
 * @param words the verb and its arguments, without the flags above
 * @param host what {@code --host} named (the last one), null when it was not given
 * @param json whether {@code --json} was given
 * @param quiet whether {@code -q} ({@code --quiet}) was given
 * @param format {@code --format}'s template, null when it was not given
 * @param plain whether the line is one the quick path may take as it is: each flag at most once,
 *     after the verb, a {@code --host} that names something, and no other option (help, an
 *     unknown option): picocli judges those
 * @param problem why the line cannot be read at all, or null
 */
public record VerbLine(List<String> words, String host, boolean json, boolean quiet, String format,
    boolean plain, String problem) {

  public VerbLine {
    words = List.copyOf(words);
  }

  public static VerbLine read(List<String> typed) {
    List<String> words = new ArrayList<>();
    String host = null;
    String format = null;
    int hosts = 0;
    int jsons = 0;
    int quiets = 0;
    int formats = 0;
    boolean styleBeforeVerb = false;
    boolean foreign = false;
    String problem = null;
    for (int i = 0; i < typed.size(); i++) {
      String word = typed.get(i);
      if (word.equals("--json")) {
        jsons++;
        styleBeforeVerb |= words.isEmpty();
      } else if (word.equals("-q") || word.equals("--quiet")) {
        quiets++;
        styleBeforeVerb |= words.isEmpty();
      } else if (word.equals("--format")) {
        if (i + 1 == typed.size()) {
          problem = "--format needs a TEMPLATE, such as '{{.Name}}'";
        } else {
          format = typed.get(++i);
          formats++;
          styleBeforeVerb |= words.isEmpty();
        }
      } else if (word.startsWith("--format=")) {
        format = word.substring("--format=".length());
        formats++;
        styleBeforeVerb |= words.isEmpty();
      } else if (word.equals("--host")) {
        if (i + 1 == typed.size()) {
          problem = "--host needs a NAME, NAME,NAME or all";
        } else {
          host = typed.get(++i);
          hosts++;
        }
      } else if (word.startsWith("--host=")) {
        host = word.substring("--host=".length());
        hosts++;
      } else {
        foreign |= word.startsWith("-") || word.isEmpty();
        words.add(word);
      }
    }
    boolean plain = problem == null && !foreign && hosts <= 1 && jsons <= 1 && quiets <= 1
        && formats <= 1 && !styleBeforeVerb && (host == null || !host.isBlank());
    return new VerbLine(words, host, jsons > 0, quiets > 0, format, plain, problem);
  }

  public static VerbLine read(String... typed) {
    return read(List.of(typed));
  }

  /** Whether {@code -q} or {@code --format} was given: only a table can be printed so. */
  public boolean listStyle() {
    return quiet || format != null;
  }

  /** How the replies are to be printed; an error for more than one choice. */
  public ListStyle style() {
    return new ListStyle(json, quiet, format);
  }

  /** Where the command goes: {@code --host}'s hosts, or the agent's own. */
  public Target target() {
    return Target.parse(host);
  }
}
