package io.weft.shell.cli;

import io.vertx.core.json.JsonArray;
import java.util.List;

/**
 * Where a command goes, from {@code --host}: absent, the host DOCKER_HOST names; {@code all};
 * one name; or several, comma-separated.
 */
public record Target(String spec) {

  public boolean isSelf() {
    return spec == null || spec.isBlank() || spec.equals("self");
  }

  /** More than one host can answer: print each reply under its host's name. */
  public boolean isMany() {
    return !isSelf() && (spec.equals("all") || spec.contains(","));
  }

  /** As the agent's API takes it. */
  public Object toJson() {
    if (isSelf()) {
      return "self";
    }
    if (spec.equals("all")) {
      return "all";
    }
    List<String> names = List.of(spec.split(","));
    return names.size() == 1 ? names.get(0) : new JsonArray(names.stream().map(String::strip).toList());
  }
}
