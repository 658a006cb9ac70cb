package io.weft.agent.netlink;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;

/** Root tests: each test gets a fresh namespace and a handle bound to it; both go afterwards. */
abstract class InNamespaceTest {

  TestNamespace ns;
  Netlink nl;

  @BeforeEach
  void openNamespace() {
    TestNamespace.assumeRoot();
    ns = TestNamespace.create();
    nl = Netlink.forNamespace(ns.name);
  }

  @AfterEach
  void closeNamespace() {
    if (nl != null) {
      nl.close();
    }
    if (ns != null) {
      ns.close();
    }
  }

  int index(String link) {
    return nl.links().get(link).index();
  }
}
