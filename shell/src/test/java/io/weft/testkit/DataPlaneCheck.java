package io.weft.testkit;

import io.weft.common.process.ProcessResult;
import io.weft.shell.cli.CapturedRun;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * Whether containers on every pair of the fleet's hosts reach each other: a fleet whose peers all
 * say "ok" can still drop what crosses between two of them (a host left without its routes, a
 * guard holding a stale set), and only a packet shows it. One container a host, a ping across
 * each pair, both ways by its answer; on failure, what each host's data plane holds.
 */
final class DataPlaneCheck {

  /** A path a fleet just healed may need its WireGuard session made again (5 s between tries). */
  static final Duration BOUND = Duration.ofSeconds(20);

  private DataPlaneCheck() {
  }

  static void assertEveryPairReaches(List<FleetHost> hosts) {
    List<String> containers = new ArrayList<>();
    List<String> addresses = new ArrayList<>();
    try {
      for (FleetHost host : hosts) {
        String c = host.container();
        containers.add(c);
        CapturedRun attach = host.weft("attach", c);
        if (attach.exitCode() != 0) {
          throw new AssertionError(host + " could not attach a container: " + attach.err());
        }
        addresses.add(host.ethweAddress(c));
      }
      for (int i = 0; i < hosts.size(); i++) {
        for (int j = i + 1; j < hosts.size(); j++) {
          FleetHost from = hosts.get(i);
          String container = containers.get(i);
          String to = addresses.get(j);
          try {
            Await.until(from + " reaches " + hosts.get(j) + " over weft", BOUND,
                () -> from.ping(container, to, 1));
          } catch (AssertionError dark) {
            throw new AssertionError(dark.getMessage() + describe(hosts), dark);
          }
        }
      }
    } finally {
      for (int i = 0; i < containers.size(); i++) {
        try {
          hosts.get(i).remove(containers.get(i));
        } catch (RuntimeException goneAlready) {
          // the fleet's tidying takes it
        }
      }
    }
  }

  /** Each host's WireGuard peers, routes and rules for them, guard counters and flood entries. */
  static String describe(List<FleetHost> hosts) {
    StringBuilder out = new StringBuilder();
    for (FleetHost host : hosts) {
      out.append("\n--- ").append(host).append('\n');
      out.append(wireGuard(host));
      out.append(quietly(host, "ip", "rule"));
      out.append(quietly(host, "ip", "route", "show", "table", "all", "dev", "weft-wg"));
      out.append(quietly(host, "nft", "list", "table", "ip", "weft"));
      out.append(quietly(host, "bridge", "fdb", "show", "dev", "vxlan-weft"));
    }
    return out.toString();
  }

  private static String wireGuard(FleetHost host) {
    try {
      ProcessResult r = host.exec("weft-wg", "wg", "show", "all", "dump");
      return "$ wg show all dump\n" + r.stdout() + r.stderr();
    } catch (RuntimeException e) {
      return "$ wg show all dump: " + e.getMessage() + "\n";
    }
  }

  private static String quietly(FleetHost host, String... command) {
    try {
      ProcessResult r = host.inHost(command).runAllowingFailure();
      return "$ " + String.join(" ", command) + "\n" + r.stdout() + r.stderr();
    } catch (RuntimeException e) {
      return "$ " + String.join(" ", command) + ": " + e.getMessage() + "\n";
    }
  }
}
