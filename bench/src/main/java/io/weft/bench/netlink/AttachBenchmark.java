package io.weft.bench.netlink;

import io.weft.agent.netlink.Bridge;
import io.weft.agent.netlink.IpNet;
import io.weft.agent.netlink.LinkAttrs;
import io.weft.agent.netlink.NetNs;
import io.weft.agent.netlink.Netlink;
import io.weft.agent.netlink.Veth;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;

/**
 * Times an attach-shaped sequence through the library against the same steps done with one
 * {@code ip} process each: a veth pair whose peer is created in the "container" namespace, the
 * host end put on the bridge and up, the peer renamed to ethwe, given an address and set up.
 * Both run interleaved in one process, in namespaces of their own, deleting what each iteration
 * made. The last line is {@code netlink-attach median_ms=X ip_median_ms=Y speedup=Z}.
 */
public final class AttachBenchmark {

  private static final String HOST_NS = "weft-bench-host";
  private static final String CTR_NS = "weft-bench-ctr";
  private static final String BRIDGE = "weft";

  private AttachBenchmark() {}

  public static void main(String[] args) {
    int iterations = 200;
    int warmup = 300;
    for (int i = 0; i < args.length; i++) {
      switch (args[i]) {
        case "--iterations" -> iterations = Integer.parseInt(args[++i]);
        case "--warmup" -> warmup = Integer.parseInt(args[++i]);
        default -> {
          System.err.println("usage: AttachBenchmark [--iterations N] [--warmup N]");
          System.exit(2);
        }
      }
    }
    if (!Netlink.isAvailable()) {
      System.err.println("netlink unavailable: " + Netlink.unavailabilityCause());
      System.exit(1);
    }
    Thread cleanup = new Thread(AttachBenchmark::deleteNamespaces, "bench-cleanup");
    Runtime.getRuntime().addShutdownHook(cleanup);
    try {
      deleteNamespaces(); // what an earlier, killed run may have left
      Ip.run("netns", "add", HOST_NS);
      Ip.run("netns", "add", CTR_NS);
      run(iterations, warmup);
    } finally {
      deleteNamespaces();
      Runtime.getRuntime().removeShutdownHook(cleanup);
    }
  }

  private static void run(int iterations, int warmup) {
    Timings lib = new Timings();
    Timings ip = new Timings();
    try (Netlink host = Netlink.forNamespace(HOST_NS)) {
      host.links().add(Bridge.named(BRIDGE));
      host.links().setUp(BRIDGE);
      int bridgeIndex = host.links().get(BRIDGE).index();
      for (int i = 0; i < warmup; i++) {
        attachWithLibrary(host, bridgeIndex, i);
        host.links().delete(hostEnd(i));
      }
      System.out.printf(Locale.ROOT, "warmed up with %d library attaches; measuring %d of each%n", warmup, iterations);
      for (int i = 0; i < iterations; i++) {
        lib.add(attachWithLibrary(host, bridgeIndex, i));
        host.links().delete(hostEnd(i));
        ip.add(attachWithIp(i));
        host.links().delete(hostEnd(i));
      }
    }
    report("netlink", lib);
    report("ip", ip);
    double speedup = ip.median() / lib.median();
    System.out.printf(Locale.ROOT, "netlink-attach median_ms=%.3f ip_median_ms=%.3f speedup=%.1f%n",
        lib.median(), ip.median(), speedup);
  }

  private static String hostEnd(int i) {
    return "vethwepl" + i;
  }

  private static String address(int i) {
    return "10.32." + (i / 250) + "." + (i % 250 + 2) + "/12";
  }

  /**
   * The library's attach, from opening the container's namespace to ethwe up; returns
   * nanoseconds. The container's handle opens on its own thread while the host side is done;
   * the host end is created on the bridge and up in the one RTM_NEWLINK (IFLA_MASTER and IFF_UP
   * in the request, as {@code ip link add ... master weft up} would), and the bridge's index is
   * looked up once per run, as the agent keeps it.
   */
  private static long attachWithLibrary(Netlink host, int bridgeIndex, int i) {
    long t0 = System.nanoTime();
    try (NetNs ctrNs = NetNs.named(CTR_NS)) {
      CompletableFuture<Netlink> opening = Netlink.openAsync(ctrNs);
      String peer = "vethwepg" + i;
      try {
        LinkAttrs hostEnd = LinkAttrs.named(hostEnd(i)).withMaster(bridgeIndex).withUp(true);
        host.links().add(Veth.pair(hostEnd(i), peer).withAttrs(hostEnd).withPeerIn(ctrNs.target()));
      } catch (RuntimeException e) {
        opening.thenAccept(Netlink::close).exceptionally(t -> null).join();
        throw e;
      }
      try (Netlink ctr = opening.join()) {
        int ethwe = ctr.links().rename(peer, "ethwe");
        ctr.addresses().add(ethwe, IpNet.parse(address(i)));
        ctr.links().setUp(ethwe);
      }
    }
    return System.nanoTime() - t0;
  }

  /** The same steps with one ip process each; returns nanoseconds. */
  private static long attachWithIp(int i) {
    String peer = "vethwepg" + i;
    long t0 = System.nanoTime();
    Ip.run("-n", HOST_NS, "link", "add", hostEnd(i), "type", "veth", "peer", "name", peer, "netns", CTR_NS);
    Ip.run("-n", HOST_NS, "link", "set", hostEnd(i), "master", BRIDGE, "up");
    Ip.run("-n", CTR_NS, "link", "set", peer, "name", "ethwe");
    Ip.run("-n", CTR_NS, "addr", "add", address(i), "dev", "ethwe");
    Ip.run("-n", CTR_NS, "link", "set", "ethwe", "up");
    return System.nanoTime() - t0;
  }

  private static void report(String what, Timings t) {
    System.out.printf(Locale.ROOT, "%-8s n=%d median=%.3f ms p90=%.3f ms p99=%.3f ms%n",
        what, t.count(), t.median(), t.percentile(90), t.percentile(99));
  }

  private static void deleteNamespaces() {
    Ip.quietly("netns", "del", HOST_NS);
    Ip.quietly("netns", "del", CTR_NS);
  }
}
