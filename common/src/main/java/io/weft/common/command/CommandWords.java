package io.weft.common.command;

import io.weft.common.ErrorCode;
import io.weft.common.WeftException;
import io.weft.common.net.Cidr;
import java.util.ArrayList;
import java.util.List;

/** The shapes of a verb's words, Weave's grammar: {@code [CIDR...]}, {@code [CIDR...] CONTAINER}, none. */
final class CommandWords {

  /** {@code [CIDR...] CONTAINER}, read. */
  record CidrsAndContainer(List<Cidr> cidrs, String container) {}

  private CommandWords() {}

  static CidrsAndContainer cidrsAndContainer(String verb, List<String> args) {
    if (args.isEmpty()) {
      throw bad(verb + " needs a container: " + verb + " [CIDR...] CONTAINER");
    }
    String container = args.get(args.size() - 1);
    if (Cidr.looksLikeCidr(container)) {
      throw bad(verb + " needs a container after the addresses: " + verb + " [CIDR...] CONTAINER");
    }
    return new CidrsAndContainer(cidrs(verb, args.subList(0, args.size() - 1)), container);
  }

  /** Every word a CIDR. */
  static List<Cidr> cidrs(String verb, List<String> args) {
    List<Cidr> cidrs = new ArrayList<>();
    for (String arg : args) {
      if (!Cidr.looksLikeCidr(arg) && !arg.contains("/")) {
        throw bad(verb + ": '" + arg + "' is not a CIDR (address/prefix, e.g. 10.32.1.5/12)");
      }
      cidrs.add(Cidr.parse(arg));
    }
    return cidrs;
  }

  static void none(String verb, List<String> args) {
    if (!args.isEmpty()) {
      throw bad(verb + " takes no arguments, got '" + String.join(" ", args) + "'");
    }
  }

  /** The words of {@code [CIDR...] [CONTAINER]}. */
  static List<String> of(List<Cidr> cidrs, String container) {
    List<String> words = new ArrayList<>();
    cidrs.forEach(cidr -> words.add(cidr.toString()));
    if (container != null) {
      words.add(container);
    }
    return words;
  }

  static WeftException bad(String message) {
    return new WeftException(ErrorCode.BAD_REQUEST, message);
  }
}
