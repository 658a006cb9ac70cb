package io.weft.docker.agent;

import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What {@code weft launch} shows of the agent's output: while it starts, weft's own lines alone
 * (its {@code weft agent:} lines and its loggers'), and of any line, never a secret: the fleet
 * password the launch gave, a cluster name ({@code weft-} and 32 hex digits, derived from the
 * password: Hazelcast prints it), or a PEM block's text. A terminal and a CI log keep what
 * launch prints; the agent's own log stays behind the Docker API, which is root's.
 */
final class LaunchEcho {

  static final String HIDDEN = "[hidden]";
  private static final Pattern CLUSTER_NAME = Pattern.compile("weft-[0-9a-f]{32}");
  private static final Pattern PEM = Pattern.compile("-----BEGIN [A-Z ]+-----.*?(-----END [A-Z ]+-----|$)");
  /** A line of a PEM block's body: base64 alone, as long as such lines are. */
  private static final Pattern PEM_BODY = Pattern.compile("\\s*[A-Za-z0-9+/]{48,}={0,2}\\s*");
  /** weft's own lines: its start-up's, and its loggers' ("HH:MM:SS LEVEL io.weft.X: ..."). */
  private static final Pattern WEFTS = Pattern.compile("weft agent: .*|\\S+ [A-Z]+ io\\.weft\\.\\S+: .*");

  private final String password;

  /** @param password the fleet password this launch gave the agent, or null */
  LaunchEcho(String password) {
    this.password = password == null || password.isEmpty() ? null : password;
  }

  /** The line as launch shows it while the agent starts; empty when it is not weft's own. */
  Optional<String> progress(String line) {
    return WEFTS.matcher(line).matches() ? Optional.of(redact(line)) : Optional.empty();
  }

  /** Any line with its secrets hidden, for the agent's last words when it fails. */
  String redact(String line) {
    String shown = password == null ? line : line.replace(password, HIDDEN);
    shown = CLUSTER_NAME.matcher(shown).replaceAll(HIDDEN);
    if (PEM_BODY.matcher(shown).matches()) {
      return HIDDEN;
    }
    return PEM.matcher(shown).replaceAll(Matcher.quoteReplacement(HIDDEN));
  }
}
