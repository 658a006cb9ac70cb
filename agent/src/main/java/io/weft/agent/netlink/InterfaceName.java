package io.weft.agent.netlink;

import io.weft.agent.netlink.wire.LinkAttr;
import java.nio.charset.StandardCharsets;

/** The kernel's rules for interface names (dev_valid_name), checked before any syscall. */
final class InterfaceName {

  private InterfaceName() {}

  /** Returns {@code name} if the kernel would take it, else throws naming it and the rule. */
  static String check(String op, String name) {
    String why = problem(name);
    if (why != null) {
      throw InvalidArgumentException.rejected(op, "invalid interface name \"" + name + "\": " + why);
    }
    return name;
  }

  private static String problem(String name) {
    if (name == null || name.isEmpty()) {
      return "empty";
    }
    int bytes = name.getBytes(StandardCharsets.UTF_8).length;
    if (bytes > LinkAttr.IFNAME_MAX_BYTES) {
      return bytes + " bytes, at most " + LinkAttr.IFNAME_MAX_BYTES + " allowed";
    }
    if (name.equals(".") || name.equals("..")) {
      return "reserved";
    }
    for (int i = 0; i < name.length(); i++) {
      char c = name.charAt(i);
      if (c == '/' || c == ':' || c == 0 || Character.isWhitespace(c)) {
        return "contains '" + (Character.isWhitespace(c) || c == 0 ? "\\u" + String.format("%04x", (int) c) : String.valueOf(c)) + "'";
      }
    }
    return null;
  }
}
