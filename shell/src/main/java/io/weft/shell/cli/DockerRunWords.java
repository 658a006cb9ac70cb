package io.weft.shell.cli;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The words of {@code docker run [OPTIONS] IMAGE [COMMAND...]} read as the docker CLI reads them
 * (pflag's grammar): which words are options, with their values, and which is the image. Only as
 * much as weft needs to tell them apart and to find the few it acts on (the network, the DNS,
 * the terminal); every option is handed on as given. An option weft does not know is taken to
 * have a value, as almost all of docker run's do; the docker CLI judges it.
 */
final class DockerRunWords {

  /** One option, by its long name, with its value ({@code "true"} for a flag given bare). */
  record Option(String name, String value) {

    /** The option as one word the docker CLI reads back the same. */
    String word() {
      return FLAGS.contains(name) && value.equals("true") ? "--" + name : "--" + name + "=" + value;
    }
  }

  /** docker run's options that take no value (docker 20.10 to 28). */
  static final Set<String> FLAGS = Set.of("detach", "disable-content-trust", "help", "init", "interactive",
      "no-healthcheck", "oom-kill-disable", "privileged", "publish-all", "quiet", "read-only", "rm",
      "sig-proxy", "tty", "use-api-socket");
  private static final Map<Character, String> SHORT = Map.ofEntries(
      Map.entry('d', "detach"), Map.entry('i', "interactive"), Map.entry('t', "tty"),
      Map.entry('P', "publish-all"), Map.entry('q', "quiet"), Map.entry('a', "attach"),
      Map.entry('c', "cpu-shares"), Map.entry('e', "env"), Map.entry('h', "hostname"),
      Map.entry('l', "label"), Map.entry('m', "memory"), Map.entry('p', "publish"),
      Map.entry('u', "user"), Map.entry('v', "volume"), Map.entry('w', "workdir"));
  /** Docker's other names for the same options. */
  private static final Map<String, String> ALIASES = Map.of("net", "network", "net-alias", "network-alias");

  final List<Option> options;
  final String image;
  final List<String> command;

  private DockerRunWords(List<Option> options, String image, List<String> command) {
    this.options = List.copyOf(options);
    this.image = image;
    this.command = List.copyOf(command);
  }

  /** Reads the words; a word missing (a value, the image) is a usage error naming it. */
  static DockerRunWords read(List<String> words) {
    List<Option> options = new ArrayList<>();
    int i = 0;
    while (i < words.size()) {
      String word = words.get(i);
      if (word.equals("--")) {
        i++;
        break;
      }
      if (!word.startsWith("-") || word.equals("-")) {
        break;
      }
      if (word.startsWith("--")) {
        int eq = word.indexOf('=');
        String name = canonical(eq < 0 ? word.substring(2) : word.substring(2, eq));
        if (eq >= 0) {
          options.add(new Option(name, word.substring(eq + 1)));
        } else if (FLAGS.contains(name)) {
          options.add(new Option(name, "true"));
        } else {
          options.add(new Option(name, valueAfter(words, i, "--" + name)));
          i++;
        }
        i++;
        continue;
      }
      for (int j = 1; j < word.length(); j++) {
        char letter = word.charAt(j);
        String name = SHORT.get(letter);
        if (name == null) {
          throw new IllegalArgumentException("run: unknown docker run option '-" + letter + "' in '" + word + "'");
        }
        if (FLAGS.contains(name)) {
          options.add(new Option(name, "true"));
          continue;
        }
        String rest = word.substring(j + 1);
        if (!rest.isEmpty()) {
          options.add(new Option(name, rest.startsWith("=") ? rest.substring(1) : rest));
        } else {
          options.add(new Option(name, valueAfter(words, i, "-" + letter)));
          i++;
        }
        break;
      }
      i++;
    }
    if (i >= words.size()) {
      throw new IllegalArgumentException("run: no IMAGE given (weft run [CIDR...] [DOCKER-RUN-OPTIONS] IMAGE [COMMAND...])");
    }
    return new DockerRunWords(options, words.get(i), words.subList(i + 1, words.size()));
  }

  /** Whether the option was given (a flag: given true). */
  boolean has(String name) {
    return options.stream().anyMatch(o -> o.name().equals(name) && !o.value().equals("false"));
  }

  /** The option's values, in order. */
  List<String> values(String name) {
    return options.stream().filter(o -> o.name().equals(name)).map(Option::value).toList();
  }

  /** The last value given, or null. */
  String value(String name) {
    List<String> all = values(name);
    return all.isEmpty() ? null : all.get(all.size() - 1);
  }

  /** The words again, without the options named: for the docker CLI. */
  List<String> wordsWithout(Set<String> names) {
    List<String> words = new ArrayList<>();
    options.stream().filter(o -> !names.contains(o.name())).forEach(o -> words.add(o.word()));
    words.add(image);
    words.addAll(command);
    return words;
  }

  private static String canonical(String name) {
    return ALIASES.getOrDefault(name, name);
  }

  private static String valueAfter(List<String> words, int i, String option) {
    if (i + 1 >= words.size()) {
      throw new IllegalArgumentException("run: " + option + " needs a value");
    }
    return words.get(i + 1);
  }
}
