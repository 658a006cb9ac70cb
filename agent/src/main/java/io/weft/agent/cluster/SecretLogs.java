package io.weft.agent.cluster;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.logging.Formatter;
import java.util.logging.Handler;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import java.util.logging.SimpleFormatter;

/**
 * Keeps secrets out of the agent's log: every line the log's handlers write, exceptions and their
 * stack traces included, is searched for them, and each is replaced by {@value #HIDDEN}. The
 * cluster name is derived from the fleet password; Hazelcast puts it in the prefix of its lines
 * (turned off in {@link HazelcastSettings}) and in a few of its own, and {@code weft launch}
 * echoes the agent's log.
 */
public final class SecretLogs {

  static final String HIDDEN = "<hidden>";
  private static final Set<String> SECRETS = ConcurrentHashMap.newKeySet();

  private SecretLogs() {}

  /** From now on, no line of the log shows {@code secret}. */
  public static synchronized void hide(String secret) {
    if (secret == null || secret.isEmpty()) {
      return;
    }
    SECRETS.add(secret);
    for (Handler handler : Logger.getLogger("").getHandlers()) {
      if (!(handler.getFormatter() instanceof Redacting)) {
        Formatter theirs = handler.getFormatter();
        handler.setFormatter(new Redacting(theirs == null ? new SimpleFormatter() : theirs));
      }
    }
  }

  /** {@code line} with every secret replaced. */
  static String redact(String line) {
    String out = line;
    for (String secret : SECRETS) {
      out = out.replace(secret, HIDDEN);
    }
    return out;
  }

  private static final class Redacting extends Formatter {
    private final Formatter inner;

    Redacting(Formatter inner) {
      this.inner = inner;
    }

    @Override
    public String format(LogRecord record) {
      return redact(inner.format(record));
    }

    @Override
    public String getHead(Handler handler) {
      return redact(inner.getHead(handler));
    }

    @Override
    public String getTail(Handler handler) {
      return redact(inner.getTail(handler));
    }
  }
}
