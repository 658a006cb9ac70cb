package io.weft.common.agent;

import java.util.OptionalInt;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The line the agent prints once it has joined its fleet, and {@code weft launch} waits for:
 * {@code weft agent ready: host1 at 172.29.0.11 in a cluster of 3}; or the line it prints
 * instead when the fleet refused it ({@link #refused}), which launch reports as it is.
 */
public final class AgentReadyLine {

  public static final String PREFIX = "weft agent ready: ";
  public static final String REFUSED_PREFIX = "weft agent refused: ";
  private static final Pattern CLUSTER_SIZE = Pattern.compile("in a cluster of (\\d+)$");

  private AgentReadyLine() {}

  public static String of(String name, String address, int clusterSize) {
    return PREFIX + name + " at " + address + " in a cluster of " + clusterSize;
  }

  public static boolean isReady(String line) {
    return line.startsWith(PREFIX);
  }

  /** The line of an agent its fleet refused: {@code weft agent refused: WHY}. */
  public static String refused(String why) {
    return REFUSED_PREFIX + why;
  }

  public static boolean isRefused(String line) {
    return line.startsWith(REFUSED_PREFIX);
  }

  /** Why the fleet refused the agent, as its line says. */
  public static String refusal(String line) {
    return line.substring(REFUSED_PREFIX.length());
  }

  /** How many members the cluster had when the agent was ready; empty for any other line. */
  public static OptionalInt clusterSize(String line) {
    Matcher size = CLUSTER_SIZE.matcher(line);
    return isReady(line) && size.find() ? OptionalInt.of(Integer.parseInt(size.group(1)))
        : OptionalInt.empty();
  }

  /** The ready line as an operator reads it: {@code weft is up: host1 at ... in a cluster of 3}. */
  public static String asUp(String line) {
    return isReady(line) ? "weft is up: " + line.substring(PREFIX.length()) : line;
  }
}
