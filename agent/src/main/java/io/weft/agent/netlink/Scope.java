package io.weft.agent.netlink;

/** Route and address scopes (enum rt_scope_t). */
public enum Scope {
  UNIVERSE(0), SITE(200), LINK(253), HOST(254), NOWHERE(255);

  private final int value;

  Scope(int value) {
    this.value = value;
  }

  public int value() {
    return value;
  }

  public static Scope of(int value) {
    for (Scope s : values()) {
      if (s.value == value) {
        return s;
      }
    }
    throw new IllegalArgumentException("unknown scope " + value);
  }
}
