package io.weft.bench.boundary;

import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import io.vertx.core.net.NetClient;
import io.vertx.core.net.NetSocket;
import io.weft.bench.bridge.BridgeLink;
import io.weft.bench.security.Outsider;
import io.weft.common.bus.BridgeContract;
import io.weft.common.bus.BusAddresses;
import io.weft.common.process.HostProcess;
import io.weft.common.process.ProcessResult;
import io.weft.docker.image.DebianBase;
import io.weft.shell.sandbox.SandboxHost;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The floods of issue 21, as an attacker with what each needs would send them, for {@code
 * BoundaryIT} (which checks the agent stays up and serving) and {@code bench/run floods} (which
 * prints what they cost it). Each runs until closed.
 */
public final class Floods {

  /** A flood in progress; {@link #close} stops it and takes away what it made. */
  public interface Flood extends AutoCloseable {
    /** Bytes sent so far. */
    long sent();

    @Override
    void close();
  }

  /** The handshake flood's stranger on the underlay: apart from OutsiderIT's, which may run beside it. */
  private static final String FLOODER_NAMESPACE = "weft-flooder";
  private static final String FLOODER_ADDRESS = "172.29.0.201";
  private static final String FLOODER_LINK = "wout-flood";
  /** Connections per port that say nothing, in the handshake flood: past the 8 from one address. */
  private static final int SILENT_PER_PORT = 12;

  /** Frames a bridge client writes before it lets its event loop do anything else. */
  private static final int BURST = 32;

  private Floods() {}

  /**
   * Bridge clients sharing one credential that send {@code ps} to {@code target} through {@code
   * via}'s bridge as fast as the connection takes them: four pipelining commands padded up to
   * just under the frame bound (and plain ones between), one sending 64 KiB padded frames and
   * connecting again each time it is closed.
   */
  public static Flood paddedPs(Vertx vertx, Path credential, SandboxHost via, String target) {
    NetClient client = BridgeLink.client(vertx, credential);
    AtomicBoolean running = new AtomicBoolean(true);
    AtomicLong sent = new AtomicLong();
    String address = BusAddresses.host(target);
    Buffer padded = frame(new JsonObject().put("type", "send").put("address", address).put("replyAddress", "p")
        .put("body", new JsonObject().put("verb", "ps").put("pad", "x".repeat(BridgeContract.MAX_FRAME_BYTES - 200))));
    Buffer plain = frame(new JsonObject().put("type", "send").put("address", address).put("replyAddress", "q")
        .put("body", new JsonObject().put("verb", "ps")));
    Buffer huge = frame(new JsonObject().put("type", "send").put("address", address).put("replyAddress", "h")
        .put("body", new JsonObject().put("verb", "ps").put("pad", "x".repeat(64 * 1024))));
    for (int i = 0; i < 4; i++) {
      keepSending(vertx, client, via.address(), running, sent, List.of(padded, plain));
    }
    keepSending(vertx, client, via.address(), running, sent, List.of(huge));
    return new Flood() {
      @Override
      public long sent() {
        return sent.get();
      }

      @Override
      public void close() {
        running.set(false);
        client.close();
      }
    };
  }

  /** One client: writes {@code frames} in turn while the connection takes them; connects again when closed. */
  private static void keepSending(Vertx vertx, NetClient client, String host, AtomicBoolean running,
      AtomicLong sent, List<Buffer> frames) {
    if (!running.get()) {
      return;
    }
    client.connect(BridgeContract.PORT, host).onComplete(done -> {
      if (done.failed()) {
        vertx.setTimer(100, t -> keepSending(vertx, client, host, running, sent, frames));
        return;
      }
      NetSocket socket = done.result();
      AtomicBoolean open = new AtomicBoolean(true);
      socket.handler(ignored -> { }); // replies and refusals: read, so the agent is never the one waiting
      socket.closeHandler(v -> {
        open.set(false);
        keepSending(vertx, client, host, running, sent, frames);
      });
      int[] next = {0};
      Runnable[] pump = new Runnable[1];
      pump[0] = () -> {
        // a burst at a time, then the event loop's turn: a connection the agent closed writes
        // nowhere without ever filling, and its close must be heard between bursts
        for (int i = 0; i < BURST && running.get() && open.get() && !socket.writeQueueFull(); i++) {
          Buffer frame = frames.get(next[0]++ % frames.size());
          socket.write(frame);
          sent.addAndGet(frame.length());
        }
        if (!running.get()) {
          socket.close();
        } else if (open.get() && !socket.writeQueueFull()) {
          vertx.runOnContext(v -> pump[0].run());
        }
      };
      socket.drainHandler(v -> pump[0].run());
      pump[0].run();
    });
  }

  /**
   * Containers on weft on {@code host} that each hold 8 TCP connections to weft's DNS at {@code
   * dns} and pipeline queries for {@code name} on them without ever reading an answer.
   */
  public static Flood dnsPipeline(SandboxHost host, String dns, String name, int containers) {
    String query = printfEscaped(tcpQuery(name));
    String loop = "for i in 1 2 3 4 5 6 7 8; do (while :; do exec 3<>/dev/tcp/" + dns + "/53 || continue;"
        + " while printf '" + query + "' >&3 2>/dev/null; do :; done; done) & done; wait";
    List<String> names = new ArrayList<>();
    for (int i = 0; i < containers; i++) {
      String container = "dns-flood-" + i;
      names.add(container);
      docker(host, "run", "-d", "--name", container, "--net=weft", DebianBase.IMAGE, "bash", "-c", loop);
    }
    return new Flood() {
      @Override
      public long sent() {
        return -1; // counted by no one: the point is that the agent does not read it
      }

      @Override
      public void close() {
        for (String container : names) {
          docker(host, "rm", "-f", container);
        }
      }
    };
  }

  /**
   * A stranger on the underlay (a namespace of its own at {@value #FLOODER_ADDRESS}) opening TLS
   * handshakes to {@code address}'s 6783, 6785 and 6786 (the member port, the event bus, the
   * bridge) as fast as they go, {@code parallel} at a time per port, with no certificate (each
   * costs the agent its key exchange and signature before it is refused), and holding {@value
   * #SILENT_PER_PORT} more connections per port that never send their hello, opened again when
   * closed: all from one source address, as anyone who reaches the ports could. (Not from
   * containers: the sandbox's engines have no bridge of Docker's, and a container on weft alone
   * has no route to a host's underlay address; not from a user of the host who is not root: the
   * agent's own rules refuse those connections before they reach a port.)
   */
  public static Flood handshakes(String address, int parallel) {
    String stop = "/tmp/weft-flood-stop-" + System.nanoTime();
    StringBuilder loop = new StringBuilder();
    for (int port : new int[] {6783, 6785, 6786}) {
      for (int i = 0; i < parallel; i++) {
        loop.append("(while [ ! -e ").append(stop).append(" ]; do socat -T 2 /dev/null OPENSSL:")
            .append(address).append(':').append(port).append(",verify=0 >/dev/null 2>&1; done) & ");
      }
      for (int i = 0; i < SILENT_PER_PORT; i++) {
        // a connection turned away ends at once: a pause before the next keeps the machine's two
        // cores for the agents under test
        loop.append("(while [ ! -e ").append(stop).append(" ]; do { exec 3<>/dev/tcp/").append(address).append('/')
            .append(port).append(" && read -t 4 <&3; }; exec 3<&-; sleep 0.2; done) 2>/dev/null & ");
      }
    }
    loop.append("wait");
    Outsider flooder = Outsider.join(FLOODER_NAMESPACE, FLOODER_ADDRESS, FLOODER_LINK);
    ProcessBuilder builder = new ProcessBuilder("ip", "netns", "exec", flooder.namespace(), "bash", "-c",
        loop.toString()).redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD);
    Process running;
    try {
      running = builder.start();
    } catch (java.io.IOException e) {
      flooder.close();
      throw new java.io.UncheckedIOException(e);
    }
    return new Flood() {
      @Override
      public long sent() {
        return -1;
      }

      @Override
      public void close() {
        HostProcess.of("touch", stop).run();
        try {
          if (!running.waitFor(30, java.util.concurrent.TimeUnit.SECONDS)) {
            running.descendants().forEach(ProcessHandle::destroyForcibly);
            running.destroyForcibly();
          }
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
        } finally {
          HostProcess.of("rm", "-f", stop).runAllowingFailure();
          flooder.close();
        }
      }
    };
  }

  /**
   * A stranger on the underlay (the same namespace as {@link #handshakes}) sending WireGuard
   * handshake initiations to {@code address}'s UDP 6784 as fast as one process goes: 148 bytes
   * each, of the initiation's type, the rest random, so each costs wireguard-go its check of the
   * message's MAC before it is dropped. WireGuard answers floods itself (MACs keyed by the
   * receiver's public key, which a stranger does not have, and cookies under load); this is the
   * check that the fleet's traffic and its agent go on meanwhile.
   */
  public static Flood wireGuardInitiations(String address) {
    String stop = "/tmp/weft-flood-stop-" + System.nanoTime();
    String sender = String.join("\n",
        "import os, socket",
        "s = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)",
        "n = 0",
        "while n % 4096 or not os.path.exists('" + stop + "'):",
        "    s.sendto(b'\\x01\\x00\\x00\\x00' + os.urandom(144), ('" + address + "', 6784))",
        "    n += 1",
        "print(n)");
    Outsider flooder = Outsider.join(FLOODER_NAMESPACE, FLOODER_ADDRESS, FLOODER_LINK);
    ProcessBuilder builder = new ProcessBuilder("ip", "netns", "exec", flooder.namespace(), "python3", "-c",
        sender).redirectErrorStream(true);
    Process running;
    try {
      running = builder.start();
    } catch (java.io.IOException e) {
      flooder.close();
      throw new java.io.UncheckedIOException(e);
    }
    java.util.concurrent.atomic.AtomicLong sent = new java.util.concurrent.atomic.AtomicLong(-1);
    return new Flood() {
      @Override
      public long sent() {
        return sent.get();
      }

      @Override
      public void close() {
        HostProcess.of("touch", stop).run();
        try {
          if (running.waitFor(30, java.util.concurrent.TimeUnit.SECONDS)) {
            String out = new String(running.getInputStream().readAllBytes()).strip();
            sent.set(out.matches("[0-9]+") ? Long.parseLong(out) : -1);
          } else {
            running.destroyForcibly();
          }
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
        } catch (java.io.IOException e) {
          throw new java.io.UncheckedIOException(e);
        } finally {
          HostProcess.of("rm", "-f", stop).runAllowingFailure();
          flooder.close();
        }
      }
    };
  }

  /**
   * Programs in the agent's container (as root there, as through the Docker API) posting bodies
   * of 300 MB to the API, announced and chunked, over and over, {@code parallel} at a time each.
   */
  public static Flood oversizedBodies(SandboxHost host, int parallel) {
    String stop = "/tmp/weft-flood-stop-" + System.nanoTime();
    String announced = "{ printf 'POST /v1/command HTTP/1.1\\r\\nHost: localhost\\r\\nContent-Type: application/json"
        + "\\r\\nContent-Length: 300000000\\r\\n\\r\\n'; head -c 300000000 /dev/zero; }"
        + " | socat -t 2 - UNIX-CONNECT:/run/weft/api.sock >/dev/null 2>&1";
    String chunked = "{ printf 'POST /v1/command HTTP/1.1\\r\\nHost: localhost\\r\\nContent-Type: application/json"
        + "\\r\\nTransfer-Encoding: chunked\\r\\n\\r\\n'; while [ ! -e " + stop + " ]; do printf '4000\\r\\n';"
        + " head -c 16384 /dev/zero; printf '\\r\\n'; done; } | socat -t 2 - UNIX-CONNECT:/run/weft/api.sock"
        + " >/dev/null 2>&1";
    List<Process> running = new ArrayList<>();
    for (int i = 0; i < parallel; i++) {
      for (String post : List.of(announced, chunked)) {
        String loop = "while [ ! -e " + stop + " ]; do " + post + "; done";
        ProcessBuilder builder = new ProcessBuilder("docker", "exec", "weft", "bash", "-c", loop)
            .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD);
        builder.environment().put("DOCKER_HOST", host.dockerHost());
        try {
          running.add(builder.start());
        } catch (java.io.IOException e) {
          throw new java.io.UncheckedIOException(e);
        }
      }
    }
    return new Flood() {
      @Override
      public long sent() {
        return -1;
      }

      @Override
      public void close() {
        docker(host, "exec", "weft", "touch", stop);
        for (Process p : running) {
          try {
            if (!p.waitFor(30, java.util.concurrent.TimeUnit.SECONDS)) {
              p.destroyForcibly();
            }
          } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
          }
        }
        docker(host, "exec", "weft", "rm", "-f", stop);
      }
    };
  }

  private static Buffer frame(JsonObject frame) {
    byte[] bytes = frame.encode().getBytes(StandardCharsets.UTF_8);
    return Buffer.buffer().appendInt(bytes.length).appendBytes(bytes);
  }

  /** A DNS query for an A record of {@code name}, with its TCP length before it. */
  static byte[] tcpQuery(String name) {
    java.io.ByteArrayOutputStream q = new java.io.ByteArrayOutputStream();
    q.writeBytes(new byte[] {0x51, 0x51, 0x01, 0x00, 0, 1, 0, 0, 0, 0, 0, 0});
    for (String label : name.split("\\.")) {
      q.write(label.length());
      q.writeBytes(label.getBytes(StandardCharsets.US_ASCII));
    }
    q.writeBytes(new byte[] {0, 0, 1, 0, 1});
    byte[] body = q.toByteArray();
    byte[] framed = new byte[body.length + 2];
    framed[0] = (byte) (body.length >> 8);
    framed[1] = (byte) body.length;
    System.arraycopy(body, 0, framed, 2, body.length);
    return framed;
  }

  /** Bytes as printf's format writes them back: every byte as \xHH. */
  private static String printfEscaped(byte[] bytes) {
    StringBuilder out = new StringBuilder();
    for (byte b : bytes) {
      out.append(String.format("\\x%02x", b & 0xff));
    }
    return out.toString();
  }

  static ProcessResult docker(SandboxHost host, String... args) {
    List<String> command = new ArrayList<>(List.of("docker"));
    command.addAll(List.of(args));
    return HostProcess.of(command.toArray(String[]::new)).withEnvironment("DOCKER_HOST", host.dockerHost())
        .timeoutSeconds(60).runAllowingFailure();
  }
}
