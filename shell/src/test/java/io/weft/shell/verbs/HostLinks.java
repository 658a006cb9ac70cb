package io.weft.shell.verbs;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.weft.common.process.HostProcess;
import java.util.List;

/** A sandbox host's links as iproute2 sees them: the check that does not trust weft. */
final class HostLinks {

  private HostLinks() {}

  static List<String> names(String netns) {
    JsonArray links = new JsonArray(HostProcess.of("ip", "-n", netns, "-j", "link", "show").run());
    return links.stream().map(l -> ((JsonObject) l).getString("ifname")).toList();
  }

  static List<String> weftLinks(String netns) {
    return names(netns).stream().filter(n -> n.startsWith("vethwepl") || n.equals("weft")).toList();
  }

  static List<String> addresses(String netns, String dev) {
    JsonArray info = new JsonArray(HostProcess.of("ip", "-n", netns, "-j", "addr", "show", "dev", dev).run());
    return info.getJsonObject(0).getJsonArray("addr_info").stream()
        .map(a -> (JsonObject) a)
        .filter(a -> "inet".equals(a.getString("family")))
        .map(a -> a.getString("local") + "/" + a.getInteger("prefixlen"))
        .toList();
  }

  static boolean ping(String netns, String address) {
    return HostProcess.of("ip", "netns", "exec", netns, "ping", "-c", "1", "-W", "2", address)
        .runAllowingFailure().exitCode() == 0;
  }
}
