package io.weft.agent.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.weft.common.bus.BusAddresses;
import io.weft.common.client.WeftClient;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The quick path's scripts, the tree's {@code weft} and the image's {@code weft} and {@code
 * weft-call}, against the real API on a socket: a host verb is answered by the agent with no JVM,
 * and everything the agent leaves to the full command line runs the JVM, once. The engine's {@code
 * docker exec} is the one stand-in: a {@code docker} that runs the image's {@code weft-call} here,
 * as the engine would in the container; {@code java} is another, which says it ran.
 */
class QuickPathScriptsTest {

  @TempDir
  Path dir;
  private Path socket;
  private Path home;
  private Path bin;
  private Vertx vertx;
  private final AtomicInteger asked = new AtomicInteger();

  @BeforeEach
  void start() throws Exception {
    vertx = Vertx.vertx();
    vertx.eventBus().consumer(BusAddresses.host("host1"), m -> {
      asked.incrementAndGet();
      m.reply(new JsonObject().put("host", "host1").put("ok", true)
          .put("result", new JsonObject().put("server", "10.32.0.1").put("domain", "weft.local")));
    });
    socket = dir.resolve("run/api.sock");
    new AgentApi(vertx, "host1", new WeftClient(vertx.eventBus(), Duration.ofMillis(500)))
        .listen(socket).await(5, TimeUnit.SECONDS);

    bin = Files.createDirectories(dir.resolve("bin"));
    executable(bin.resolve("weft-call"), ApiSocket.weftCall());
    executable(bin.resolve("docker"), """
        #!/bin/bash
        # docker --context default exec weft weft-call ARGS...: the image's weft-call, here
        [ "$1 $2 $3 $4 $5" = "--context default exec weft weft-call" ] \\
          || { echo "unexpected: docker $*" >&2; exit 99; }
        shift 5
        if [ -n "${SIGNALLED:-}" ]; then
          kill -PIPE $$
        fi
        if [ -n "${NO_ENGINE:-}" ]; then
          echo "Cannot connect to the Docker daemon at unix:///var/run/docker.sock." >&2
          exit 1
        fi
        exec bash "$WEFT_CALL" "$@"
        """);
    executable(bin.resolve("java"), """
        #!/bin/bash
        while [ $# -gt 0 ] && [ "$1" != -jar ]; do shift; done
        [ $# -ge 2 ] && shift 2
        echo "the JVM ran: $*"
        """);
    home = Files.createDirectories(dir.resolve("home"));
    Files.writeString(home.resolve("weft"), source("weft"));
    Files.createDirectories(home.resolve("shell/target"));
    Files.createDirectories(home.resolve("agent/target"));
    Files.createFile(home.resolve("shell/target/weft.jar"));
    Files.createFile(home.resolve("agent/target/weft-agent.jar"));
    Files.createFile(home.resolve("shell/target/weft.jsa"));
    // an archive newer than the jar: the script makes none
    Files.setLastModifiedTime(home.resolve("shell/target/weft.jsa"),
        FileTime.fromMillis(System.currentTimeMillis() + 60_000));
  }

  @AfterEach
  void stop() throws Exception {
    vertx.close().await(5, TimeUnit.SECONDS);
  }

  @Test
  void aHostVerbIsAnsweredByTheAgentWithNoJvm() throws Exception {
    assertEquals(new Run(0, "--dns=10.32.0.1 --dns-search=weft.local\n", ""), weft(Map.of(), "dns-args"));
    assertEquals(1, asked.get());
  }

  @Test
  void aHostThatFailsIsTheAgentsAnswerTooAndTheJvmDoesNotRunItAgain() throws Exception {
    Run failed = weft(Map.of(), "--host", "host1,host9", "dns-args");
    assertEquals(1, failed.status());
    assertEquals("host1  --dns=10.32.0.1 --dns-search=weft.local\n", failed.stdout());
    assertTrue(failed.stderr().startsWith("weft: host9: "), failed.stderr());
    assertEquals(1, asked.get());
  }

  @Test
  void aDockerCliEndedByASignalIsNotFollowedByTheJvm() throws Exception {
    Run cut = weft(Map.of("SIGNALLED", "1"), "attach", "c1");
    assertEquals(128 + 13, cut.status());
    assertEquals("", cut.stdout());
  }

  @Test
  void wordsTheAgentLeavesToTheFullCommandLineRunTheJvm() throws Exception {
    assertEquals(new Run(0, "the JVM ran: dns-args --help\n", ""), weft(Map.of(), "dns-args", "--help"));
    assertEquals(new Run(0, "the JVM ran: launch\n", ""), weft(Map.of(), "launch"));
    assertEquals(0, asked.get());
  }

  @Test
  void noAgentNoEngineOrTheQuickPathTurnedOffRunTheJvm() throws Exception {
    String jvm = "the JVM ran: dns-args\n";
    assertEquals(new Run(0, jvm, ""), weft(Map.of("NO_ENGINE", "1"), "dns-args"));
    assertEquals(new Run(0, jvm, ""), weft(Map.of("WEFT_JAVA_OPTS", "-Dweft.cli.quick=false"), "dns-args"));
    assertEquals(0, asked.get());
    Files.delete(socket);
    assertEquals(new Run(0, jvm, ""), weft(Map.of(), "dns-args"));
  }

  @Test
  void theImagesWeftAloneRunsTheJvmForWhatTheAgentLeavesIt() throws Exception {
    String imageWeft = imageWeft();
    assertEquals(new Run(0, "--dns=10.32.0.1 --dns-search=weft.local\n", ""),
        run(List.of("bash", imageWeft, "dns-args"), Map.of()));
    assertEquals(new Run(0, "the JVM ran: dns-args --help\n", ""),
        run(List.of("bash", imageWeft, "dns-args", "--help"), Map.of()));
    assertEquals(1, asked.get());
  }

  private record Run(int status, String stdout, String stderr) {}

  private Run weft(Map<String, String> environment, String... words) throws Exception {
    List<String> command = new ArrayList<>(List.of("bash", home.resolve("weft").toString()));
    command.addAll(List.of(words));
    return run(command, environment);
  }

  private Run run(List<String> command, Map<String, String> environment) throws Exception {
    ProcessBuilder builder = new ProcessBuilder(command);
    Map<String, String> env = builder.environment();
    env.remove("DOCKER_HOST");
    env.remove("WEFT_JAVA_OPTS");
    env.put("PATH", bin + ":" + env.get("PATH"));
    env.put("WEFT_API_SOCKET", socket.toString());
    env.put("WEFT_CALL", bin.resolve("weft-call").toString());
    env.putAll(environment);
    Process process = builder.start();
    process.getOutputStream().close();
    String stdout = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    String stderr = new String(process.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
    assertTrue(process.waitFor(20, TimeUnit.SECONDS));
    return new Run(process.exitValue(), stdout, stderr);
  }

  private String imageWeft() throws IOException {
    Path script = dir.resolve("image-weft");
    if (!Files.exists(script)) {
      Files.writeString(script, source("docker/src/main/docker/weft"));
    }
    return script.toString();
  }

  private static void executable(Path file, String text) throws IOException {
    Files.writeString(file, text);
    Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rwx------"));
  }

  /** A file of the source tree. */
  private static String source(String path) throws IOException {
    for (Path p = Path.of("").toAbsolutePath(); p != null; p = p.getParent()) {
      Path candidate = p.resolve(path);
      if (Files.exists(candidate) && Files.exists(p.resolve("docker/src/main/docker/weft-call"))) {
        return Files.readString(candidate);
      }
    }
    throw new IllegalStateException(path + " not found in the source tree");
  }
}
