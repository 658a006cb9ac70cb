package io.weft.agent.api;

import io.vertx.core.Vertx;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * A test's agent API on a Unix socket and the image's {@code weft-call} beside it, run as the
 * command line runs it through {@code docker exec}: a Vert.x and a folder made before each test
 * (before the class's own set-up, which puts its consumers on {@link #vertx} and {@link #listen}s
 * an API) and gone after it. Registered as
 * {@code @RegisterExtension final WeftCallOnSocket api = new WeftCallOnSocket();}.
 */
final class WeftCallOnSocket implements BeforeEachCallback, AfterEachCallback {

  /** What one run of weft-call did. */
  record Run(int status, String stdout, String stderr) {}

  Vertx vertx;
  Path socket;
  private Path dir;
  private Path script;

  @Override
  public void beforeEach(ExtensionContext context) throws Exception {
    vertx = Vertx.vertx();
    dir = Files.createTempDirectory("weft-api");
    socket = dir.resolve("run/api.sock");
    script = dir.resolve("weft-call");
    Files.writeString(script, ApiSocket.weftCall());
  }

  @Override
  public void afterEach(ExtensionContext context) throws Exception {
    vertx.close().await(5, TimeUnit.SECONDS);
    try (Stream<Path> all = Files.walk(dir)) {
      for (Path path : all.sorted(Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(path);
      }
    }
  }

  /** {@code api} listening on {@link #socket}. */
  void listen(AgentApi api) throws Exception {
    api.listen(socket).await(5, TimeUnit.SECONDS);
  }

  /** weft-call with {@code args}, its input still open. */
  Process start(String... args) throws IOException {
    List<String> command = new ArrayList<>(List.of("bash", script.toString()));
    command.addAll(List.of(args));
    ProcessBuilder builder = new ProcessBuilder(command);
    builder.environment().put("WEFT_API_SOCKET", socket.toString());
    return builder.start();
  }

  /** weft-call with {@code args} and no input, to its end. */
  Run run(String... args) throws Exception {
    Process call = start(args);
    call.getOutputStream().close();
    String stdout = new String(call.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    String stderr = new String(call.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
    if (!call.waitFor(20, TimeUnit.SECONDS)) {
      call.destroyForcibly();
      throw new AssertionError("weft-call did not end within 20 s");
    }
    return new Run(call.exitValue(), stdout, stderr);
  }
}
