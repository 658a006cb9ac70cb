package io.weft.common.agent;

import java.util.ArrayList;
import java.util.List;

/**
 * The image's one-shot mode, {@code --local [--json] VERB ARGS...}: one command carried out on the
 * host the container runs on, then exit, as Weave's {@code weaveexec --local} did.
 */
public final class OneShot {

  public static final String FLAG = "--local";
  public static final String JSON = "--json";

  private OneShot() {}

  /** The image's arguments for {@code words} (a verb and its arguments). */
  public static List<String> args(boolean json, List<String> words) {
    List<String> args = new ArrayList<>();
    args.add(FLAG);
    if (json) {
      args.add(JSON);
    }
    args.addAll(words);
    return args;
  }

  public static boolean isOneShot(List<String> args) {
    return !args.isEmpty() && args.get(0).equals(FLAG);
  }
}
