package io.weft.agent.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.json.JsonObject;
import io.weft.agent.api.WeftCallOnSocket.Run;
import io.weft.common.ErrorCode;
import io.weft.common.agent.AgentApiContract;
import io.weft.common.bus.BusAddresses;
import io.weft.common.bus.HostReply;
import io.weft.common.client.WeftClient;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The API answers the command line's words with what the command line would print, and the
 * image's {@code weft-call --words} prints that answer as the command line would: stdout, stderr
 * and the exit status; words the agent leaves to the full command line print nothing.
 */
class CommandLineWordsTest {

  @RegisterExtension
  final WeftCallOnSocket api = new WeftCallOnSocket();
  private final AtomicInteger asked = new AtomicInteger();

  @BeforeEach
  void start() throws Exception {
    api.vertx.eventBus().<JsonObject>consumer(BusAddresses.host("host1"), m -> {
      asked.incrementAndGet();
      String container = m.body().getString("container");
      m.reply(container != null
          ? HostReply.failed("host1", ErrorCode.NO_SUCH_CONTAINER, "no container " + container).toJson()
          : new JsonObject().put("host", "host1").put("ok", true)
              .put("result", new JsonObject().put("server", "10.32.0.1").put("domain", "weft.local")));
    });
    api.listen(new AgentApi(api.vertx, "host1", new WeftClient(api.vertx.eventBus(), Duration.ofMillis(500))));
  }

  @Test
  void aHostVerbIsAnsweredWithItsTextAndExitStatus() throws Exception {
    Answer answer = post("[\"dns-args\"]");
    assertEquals(200, answer.status());
    assertEquals("0", answer.header(AgentApiContract.EXIT_STATUS_HEADER));
    assertEquals("--dns=10.32.0.1 --dns-search=weft.local\n", answer.stdout());
    assertEquals("", answer.stderr());
  }

  @Test
  void aHostThatFailsIsOneLineOnStderrAndExitStatusOne() throws Exception {
    Answer answer = post("[\"--host\", \"host1,host9\", \"dns-args\"]");
    assertEquals(200, answer.status());
    assertEquals("1", answer.header(AgentApiContract.EXIT_STATUS_HEADER));
    assertEquals("host1  --dns=10.32.0.1 --dns-search=weft.local\n", answer.stdout());
    assertTrue(answer.stderr().startsWith("weft: host9: "), answer.stderr());
    assertEquals(1, answer.stderr().lines().count());
  }

  @Test
  void wordsOnlyTheFullCommandLineJudgesAreDeclinedAndNothingIsAsked() throws Exception {
    assertEquals(AgentApiContract.DECLINED, post("[\"dns-args\", \"--help\"]").status());
    assertEquals(AgentApiContract.DECLINED, post("[\"launch\"]").status());
    assertEquals(AgentApiContract.DECLINED, post("[\"attach\", \"10.32.0.300/12\", \"c1\"]").status());
    assertEquals(AgentApiContract.DECLINED, post("[\"--json\", \"dns-args\"]").status());
    assertEquals(0, asked.get());
  }

  @Test
  void aBodyThatIsNoListOfWordsIsRefused() throws Exception {
    assertEquals(400, post("{\"verb\": \"ps\"}").status());
    assertEquals(400, post("[\"ps\", 7]").status());
    assertEquals(400, post("[\"" + "x".repeat(AgentApiContract.MAX_WORD + 1) + "\"]").status());
    assertEquals(400, post("[" + "\"ps\",".repeat(AgentApiContract.MAX_WORDS) + "\"ps\"]").status());
    assertEquals(0, asked.get());
  }

  @Test
  void weftCallPrintsTheAnswerOnStdoutAndStderrAndExitsWithItsStatus() throws Exception {
    assertEquals(new Run(0, "--dns=10.32.0.1 --dns-search=weft.local\n", ""), run("dns-args"));
    Run failed = run("--host", "host1,host9", "dns-args");
    assertEquals(1, failed.status());
    assertEquals("host1  --dns=10.32.0.1 --dns-search=weft.local\n", failed.stdout());
    assertTrue(failed.stderr().startsWith("weft: host9: "), failed.stderr());
    Run json = run("dns-args", "--json");
    assertEquals(0, json.status(), json.stderr());
    assertEquals("10.32.0.1", new JsonObject(json.stdout()).getJsonObject("result").getString("server"));
  }

  @Test
  void weftCallCarriesQuotesAndBackslashesInAWordAsTheyAre() throws Exception {
    // a container's name the host's reply says back, one byte for another
    Run odd = run("attach", "a\"b\\c d");
    assertEquals(new Run(1, "", "weft: no container a\"b\\c d\n"), odd);
  }

  @Test
  void weftCallPrintsNothingWhenTheFullCommandLineMustRun() throws Exception {
    assertEquals(new Run(4, "", ""), run("dns-args", "--help"));
    assertEquals(new Run(4, "", ""), run("ps", "a\nb"));
    Files.delete(api.socket);
    assertEquals(new Run(3, "", ""), run("dns-args"));
    assertEquals(0, asked.get());
  }

  private Run run(String... words) throws Exception {
    List<String> args = new ArrayList<>(List.of("--words"));
    args.addAll(List.of(words));
    return api.run(args.toArray(String[]::new));
  }

  /** An answer cut where {@link AgentApiContract#STDOUT_BYTES_HEADER} says stdout ends. */
  private record Answer(int status, String head, byte[] content) {

    String header(String name) {
      String prefix = name.toLowerCase(Locale.ROOT) + ":";
      return head.lines().filter(line -> line.toLowerCase(Locale.ROOT).startsWith(prefix))
          .map(line -> line.substring(prefix.length()).strip()).findFirst().orElse(null);
    }

    private int split() {
      String bytes = header(AgentApiContract.STDOUT_BYTES_HEADER);
      return bytes == null ? content.length : Integer.parseInt(bytes);
    }

    String stdout() {
      return new String(content, 0, split(), StandardCharsets.UTF_8);
    }

    String stderr() {
      return new String(content, split(), content.length - split(), StandardCharsets.UTF_8);
    }
  }

  private Answer post(String body) throws Exception {
    ApiSocket.Answer answer = ApiSocket.exchange(api.socket, ApiSocket.post(AgentApiContract.WORDS_PATH, body));
    int at = answer.text().indexOf("\r\n\r\n");
    return new Answer(answer.status(), answer.text().substring(0, at),
        answer.body().getBytes(StandardCharsets.UTF_8));
  }
}
