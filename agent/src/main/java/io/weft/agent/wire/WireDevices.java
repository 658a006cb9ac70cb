package io.weft.agent.wire;

import io.weft.agent.netlink.Device;
import io.weft.agent.netlink.GenericNetlink;
import io.weft.agent.netlink.Link;
import io.weft.agent.netlink.LinkAttrs;
import io.weft.agent.netlink.Netlink;
import io.weft.agent.netlink.NetlinkException;
import io.weft.agent.netlink.NotFoundException;
import io.weft.agent.wireguard.KernelDevice;
import io.weft.agent.wireguard.UapiDevice;
import io.weft.agent.wireguard.WireGuardDevice;
import io.weft.agent.wireguard.WireGuardNetlink;
import io.weft.common.agent.PluginContract;
import java.time.Duration;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.function.BooleanSupplier;
import java.util.logging.Logger;

/**
 * Finds or makes the host's WireGuard device: the kernel's where the kernel has WireGuard (a
 * link of kind {@code wireguard}, configured through generic netlink), else wireguard-go in its
 * own container (a TUN device, configured through its UAPI socket). A device already there is
 * taken as it is, whichever it is: it carries the traffic.
 */
final class WireDevices {

  /** How long a running agent waits for wireguard-go it made again. */
  static final Duration USERSPACE_BOUND = Duration.ofSeconds(30);
  /**
   * How long a starting agent waits for it: at a boot, when Docker does not start wireguard-go's
   * container itself (one made but never started, or stopped by hand), only the agent's call can,
   * and Docker answers it only once the plugin's boot wait is over.
   */
  static final Duration START_BOUND = Duration.ofSeconds(PluginContract.BOOT_WAIT_SECONDS + 15);

  /** A wait for wireguard-go this long is logged with what it waited on. */
  private static final long SLOW_MILLIS = 1000;

  private static final Logger LOG = Logger.getLogger(WireDevices.class.getName());

  /** How long a start that succeeded may go without a device answering before it runs again. */
  static final long START_AGAIN_NANOS = 3_000_000_000L;

  private WireDevices() {}

  /**
   * @param startUserspace starts wireguard-go's container, or checks it runs (idempotent)
   */
  static WireChoice open(Netlink host, String name, Runnable startUserspace, Duration bound) {
    Optional<Link> present = find(host, name);
    if (present.isPresent() && "wireguard".equals(present.get().kind())) {
      return kernel(name, "a wireguard link was there");
    }
    String why;
    if (present.isPresent()) {
      why = kernelFamily().isPresent()
          ? "wireguard-go was running already; the kernel's WireGuard is used once weft stop removed it"
          : "the kernel has no WireGuard";
    } else {
      try {
        host.links().add(new Device(LinkAttrs.named(name), "wireguard"));
        return kernel(name, "the kernel has WireGuard");
      } catch (NetlinkException e) {
        why = "the kernel has no WireGuard: " + e.getMessage();
      }
    }
    UapiDevice device = UapiDevice.standard();
    String[] lacking = {null}; // what the last look lacked, for the log of a slow start
    long began = System.nanoTime();
    int starts = awaitUserspace(() -> (lacking[0] = lacking(host, name, device)) == null, startUserspace,
        bound, "wireguard-go did not make " + name + " and its socket " + UapiDevice.socketOf(name));
    long tookMillis = (System.nanoTime() - began) / 1_000_000;
    if (tookMillis >= SLOW_MILLIS) {
      // a start that holds the traffic up: say what it waited on, so that a slow one can be told apart
      LOG.info("wireguard-go answered after " + tookMillis + " ms, started " + starts + " time(s); until then "
          + "there was no " + lacking[0]);
    }
    return new WireChoice(device, why);
  }

  /**
   * Starts wireguard-go through {@code start} and waits, within {@code bound}, until {@code
   * answers}. The start runs beside the wait, not before it: at a host's boot or an engine's
   * restart, Docker starts wireguard-go's container itself (its restart policy) but answers its
   * API only once the containers it restores are up, and those on weft wait on this agent's
   * plugin; waiting on Docker first held every such start for the plugin's 45 s. A start that
   * fails while the device is not there ends the wait with its failure; one still under way when
   * the device answers finishes on its own (it finds the container running). A start that
   * succeeded while no device answers {@link #START_AGAIN_NANOS} later runs again: it found the
   * container running as {@code docker rm -f} was taking it away, and nothing else would start
   * a new one before the bound (traffic stopped for the whole bound in such a run).
   *
   * @return how many times the start ran
   */
  static int awaitUserspace(BooleanSupplier answers, Runnable start, Duration bound, String what) {
    CompletableFuture<Void> starting = CompletableFuture.runAsync(start, WireDevices::daemon);
    int starts = 1;
    long deadline = System.nanoTime() + bound.toNanos();
    long startedAt = 0; // when the start was first seen done
    while (!answers.getAsBoolean()) {
      if (starting.isCompletedExceptionally()) {
        try {
          starting.join();
        } catch (CompletionException e) {
          throw e.getCause() instanceof RuntimeException failure ? failure : e;
        }
      }
      long now = System.nanoTime();
      if (now > deadline) {
        throw new IllegalStateException(what + " within " + bound.toSeconds() + " s");
      }
      if (starting.isDone() && startedAt == 0) {
        startedAt = now;
      } else if (startedAt != 0 && now - startedAt > START_AGAIN_NANOS) {
        starting = CompletableFuture.runAsync(start, WireDevices::daemon);
        starts++;
        startedAt = 0;
      }
      sleep();
    }
    return starts;
  }

  private static void daemon(Runnable task) {
    Thread thread = new Thread(task, "weft-wire-start");
    thread.setDaemon(true); // a Docker call still under way must not hold the JVM's exit
    thread.start();
  }

  /**
   * What wireguard-go's device still lacks (its link, its socket, an answer on the socket: a
   * socket file left by one killed answers nothing), or null once it answers.
   */
  private static String lacking(Netlink host, String name, UapiDevice device) {
    if (find(host, name).isEmpty()) {
      return "the link " + name;
    }
    if (!device.present()) {
      return "the socket " + UapiDevice.socketOf(name);
    }
    try {
      device.read();
      return null;
    } catch (RuntimeException notYet) {
      return "an answer on the socket";
    }
  }

  private static WireChoice kernel(String name, String why) {
    GenericNetlink genl = GenericNetlink.open();
    OptionalInt family = genl.familyId(WireGuardNetlink.FAMILY);
    if (family.isEmpty()) {
      genl.close();
      throw new IllegalStateException("a wireguard link but no generic netlink family " + WireGuardNetlink.FAMILY);
    }
    return new WireChoice(new KernelDevice(genl, family.getAsInt(), name), why);
  }

  private static OptionalInt kernelFamily() {
    try (GenericNetlink genl = GenericNetlink.open()) {
      return genl.familyId(WireGuardNetlink.FAMILY);
    } catch (NetlinkException e) {
      return OptionalInt.empty();
    }
  }

  /** Sets the device's MTU when it differs, and brings it up. */
  static void bringUp(Netlink host, String name, int mtu) {
    Link link = host.links().get(name);
    if (link.attrs().mtu() != mtu) {
      host.links().setMtu(name, mtu);
    }
    if (!link.attrs().up()) {
      host.links().setUp(name);
    }
  }

  static Optional<Link> find(Netlink host, String name) {
    try {
      return Optional.of(host.links().get(name));
    } catch (NotFoundException e) {
      return Optional.empty();
    }
  }

  private static void sleep() {
    try {
      Thread.sleep(100); // polling for wireguard-go's socket, bounded above
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while waiting for wireguard-go", e);
    }
  }
}
