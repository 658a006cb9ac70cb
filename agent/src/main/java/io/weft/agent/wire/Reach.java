package io.weft.agent.wire;

/** Whether a host hears another over WireGuard's own session between them, as it last found. */
public enum Reach {
  /** Packets arrive from it. */
  UP,
  /** Nothing has arrived from it for longer than the bound. */
  DOWN;

  public String text() {
    return name().toLowerCase(java.util.Locale.ROOT);
  }

  static Reach of(String text) {
    return "up".equals(text) ? UP : "down".equals(text) ? DOWN : null;
  }
}
