package io.weft.agent.dns.wire;

/**
 * A message that does not read as a DNS query. When its header could be read, {@link #id} is its
 * id and the server answers FORMERR (or NOTIMP); otherwise ({@code id < 0}) it is dropped.
 */
public final class MalformedMessageException extends Exception {

  private final int id;
  private final int rcode;

  MalformedMessageException(int id, int rcode, String why) {
    super(why, null, false, false); // no stack trace: a flood of bad packets is cheap to refuse
    this.id = id;
    this.rcode = rcode;
  }

  /** The query's id, or -1 when not even the header could be read: nothing to answer. */
  public int id() {
    return id;
  }

  /** The answer's response code, FORMERR or NOTIMP. */
  public int rcode() {
    return rcode;
  }

  /** Whether the sender gets an answer at all. */
  public boolean answerable() {
    return id >= 0;
  }
}
