package io.weft.agent;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.logging.Handler;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

/** What a class logs while a test watches it: the messages, in order, until closed. */
public final class LogLines implements AutoCloseable {

  private final Logger log;
  private final List<String> messages = new CopyOnWriteArrayList<>();
  private final Handler handler = new Handler() {
    @Override
    public void publish(LogRecord record) {
      messages.add(record.getMessage());
    }

    @Override
    public void flush() {}

    @Override
    public void close() {}
  };

  private LogLines(Logger log) {
    this.log = log;
    log.addHandler(handler);
  }

  public static LogLines of(Class<?> logging) {
    return new LogLines(Logger.getLogger(logging.getName()));
  }

  /** The messages so far, as they were logged (a live view). */
  public List<String> messages() {
    return messages;
  }

  @Override
  public void close() {
    log.removeHandler(handler);
  }
}
