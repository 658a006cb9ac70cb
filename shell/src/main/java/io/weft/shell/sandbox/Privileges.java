package io.weft.shell.sandbox;

import com.sun.security.auth.module.UnixSystem;

/** The sandbox makes namespaces and engines: only root may. */
final class Privileges {

  private Privileges() {}

  static boolean isRoot() {
    return new UnixSystem().getUid() == 0;
  }

  static void requireRoot(String what) {
    if (!isRoot()) {
      throw new IllegalStateException(what + " needs root (namespaces, links and engines)");
    }
  }
}
