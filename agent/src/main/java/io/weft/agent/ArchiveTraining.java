package io.weft.agent;

import io.weft.agent.local.LocalMode;
import io.weft.common.agent.AgentArguments;
import io.weft.common.agent.AgentState;
import io.weft.common.agent.FleetPassword;
import io.weft.common.client.WeftClient;
import io.weft.common.command.Verbs;
import io.weft.common.net.Cidr;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * The training run of the agent image's class-data archive: the image's build runs it once under
 * {@code -XX:ArchiveClassesAtExit}, and every start of the agent after maps the classes it loaded
 * instead of finding, parsing and verifying them again. It does what an agent's start does as far
 * as that goes without privileges or peers (the build has neither): the fleet's keys, a fleet of
 * one on loopback, the bus, the API, the bridge and metrics; commands carried out through the bus
 * and the one-shot mode; then the stop. A step that fails only leaves its classes out.
 */
public final class ArchiveTraining {

  private static final List<String> COMMANDS = List.of("status", "ps");

  private ArchiveTraining() {}

  public static void main(String[] args) throws Exception {
    PrintStream nowhere = new PrintStream(OutputStream.nullOutputStream());
    PrintStream log = System.err;
    System.setOut(nowhere); // the libraries' own lines about an engine that is not there
    System.setErr(nowhere);
    Quiet.configure();
    Path state = Files.createTempDirectory("weft-training");
    Files.writeString(state.resolve(AgentState.PASSWORD_FILE), FleetPassword.generate().reveal() + "\n");
    AgentArguments options = AgentArguments.parse(List.of("--name", "training",
        "--advertise", "127.0.0.1", "--state-dir", state.toString()));
    ServiceStack services = new ServiceStack();
    try {
      services.start(new AgentTimer());
      ClusterService cluster = services.start(new ClusterService(options, nowhere, AgentLog.to(nowhere)));
      services.start(new ServingService(cluster, options, Cidr.parse("127.0.0.0/8")));
      WeftClient client = new WeftClient(cluster.node().vertx().eventBus());
      for (String verb : COMMANDS) {
        client.send(options.name(), Verbs.fromWords(List.of(verb)))
            .toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
      }
    } catch (Exception | Error e) {
      log.println("weft training: the agent's start stopped short: " + e);
    } finally {
      services.stop();
    }
    for (String verb : COMMANDS) {
      LocalMode.run(List.of(verb), nowhere, nowhere);
    }
    forget(state); // the image keeps nothing of the run but the archive
    System.exit(0);
  }

  private static void forget(Path dir) throws IOException {
    try (Stream<Path> all = Files.walk(dir)) {
      for (Path path : all.sorted(Comparator.reverseOrder()).toList()) {
        Files.delete(path);
      }
    }
  }
}
