package io.weft.agent.wireguard;

import java.io.IOException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

/**
 * wireguard-go's device, through its UAPI socket ({@code /var/run/wireguard/NAME.sock}): one
 * connection per request, as {@code wg} makes them. Answers are bounded in size and time, so a
 * stuck or hostile process on the other end cannot hold the agent.
 */
public final class UapiDevice implements WireGuardDevice {

  /** Where wireguard-go puts its sockets, in its container and, bound to the same folder, the agent's. */
  public static final Path SOCKET_DIR = Path.of("/var/run/wireguard");
  private static final int MAX_ANSWER = 1 << 20;
  private static final Duration BOUND = Duration.ofSeconds(3);

  private final Path socket;

  public UapiDevice(Path socket) {
    this.socket = socket;
  }

  /** The device named {@value WireGuardDevice#NAME}, in the usual folder. */
  public static UapiDevice standard() {
    return new UapiDevice(socketOf(NAME));
  }

  public static Path socketOf(String name) {
    return SOCKET_DIR.resolve(name + ".sock");
  }

  /** Whether wireguard-go's socket is there (it may still be starting). */
  public boolean present() {
    return Files.exists(socket);
  }

  @Override
  public String implementation() {
    return "wireguard-go";
  }

  @Override
  public DeviceState read() {
    return UapiText.parseGet(exchange(UapiText.GET, "get"));
  }

  @Override
  public void apply(DeviceChange change) {
    if (!change.isEmpty()) {
      UapiText.checkErrno(exchange(UapiText.set(change), "set"), "set");
    }
  }

  private String exchange(String request, String what) {
    long deadline = System.nanoTime() + BOUND.toNanos();
    try (SocketChannel channel = SocketChannel.open(StandardProtocolFamily.UNIX);
        Selector selector = Selector.open()) {
      channel.connect(UnixDomainSocketAddress.of(socket));
      ByteBuffer out = StandardCharsets.UTF_8.encode(request);
      while (out.hasRemaining()) {
        channel.write(out);
      }
      channel.configureBlocking(false);
      channel.register(selector, SelectionKey.OP_READ);
      ByteBuffer in = ByteBuffer.allocate(8192);
      StringBuilder answer = new StringBuilder();
      while (!answer.toString().endsWith("\n\n")) {
        long left = (deadline - System.nanoTime()) / 1_000_000;
        if (left <= 0) {
          throw new UapiException(what + " on " + socket + ": no whole answer within " + BOUND.toSeconds() + " s");
        }
        selector.select(left);
        in.clear();
        int n = channel.read(in);
        if (n < 0) {
          break;
        }
        answer.append(StandardCharsets.UTF_8.decode(in.flip()));
        if (answer.length() > MAX_ANSWER) {
          throw new UapiException(what + " on " + socket + ": answer over " + MAX_ANSWER + " bytes");
        }
      }
      return answer.toString();
    } catch (IOException e) {
      throw new UapiException(what + " on " + socket + ": " + e.getMessage(), e);
    }
  }
}
