package io.weft.testkit;

/**
 * The machine has one sandbox, so the test run has at most one up at a time: the shared fleet,
 * kept from class to class while it stays whole, or the hosts of one class of its own. Asking
 * for the other kind takes the one up now down first.
 */
final class Sandboxes {

  private static final int SHARED_HOSTS = 3;

  private static Fleet current;
  private static boolean shared;
  private static boolean fit;

  private Sandboxes() {}

  /** The launched fleet classes share: the one up now while it is fit, else a new one. */
  static synchronized Fleet shared() {
    if (current != null && shared && fit) {
      return current;
    }
    down();
    current = Fleet.up(SHARED_HOSTS);
    long start = System.nanoTime();
    current.launch();
    System.out.printf("kit: the shared fleet of %d launched in %.1f s%n", SHARED_HOSTS, (System.nanoTime() - start) / 1e9);
    shared = true;
    fit = true;
    return current;
  }

  /** A new sandbox of {@code hosts} hosts for one class. */
  static synchronized Fleet own(int hosts) {
    down();
    current = Fleet.up(hosts);
    shared = false;
    return current;
  }

  /**
   * A class is done with {@code fleet}: its own sandbox goes; the shared fleet is tidied and
   * kept when the class said it leaves it whole and every host sees the others in good health.
   */
  static synchronized void release(Fleet fleet, boolean breaksIt) {
    if (fleet != current) {
      return;
    }
    if (!shared) {
      down();
      return;
    }
    if (breaksIt) {
      fit = false;
      return;
    }
    long start = System.nanoTime();
    try {
      fleet.tidy();
      fleet.awaitWhole();
      System.out.printf("kit: the shared fleet tidied and whole in %.1f s%n", (System.nanoTime() - start) / 1e9);
    } catch (RuntimeException | AssertionError e) {
      System.out.println("kit: the shared fleet is not whole after the class, the next gets a new one: " + e);
      fit = false;
    }
  }

  /** Takes down whatever sandbox the kit has up. */
  static synchronized void down() {
    if (current != null) {
      long start = System.nanoTime();
      try {
        current.down();
        System.out.printf("kit: sandbox down in %.1f s%n", (System.nanoTime() - start) / 1e9);
      } finally {
        current = null;
        fit = false;
      }
    }
  }
}
