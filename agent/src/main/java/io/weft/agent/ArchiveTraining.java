package io.weft.agent;

import io.weft.agent.local.LocalMode;
import io.weft.common.agent.AgentArguments;
import io.weft.common.agent.AgentState;
import io.weft.common.agent.FleetPassword;
import io.weft.common.client.WeftClient;
import io.weft.common.command.Verbs;
import io.weft.common.net.Cidr;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
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
 * as that goes without privileges or other hosts (the build has neither): the fleet's keys, a
 * fleet of one on loopback, the bus, the API, the bridge and metrics; commands carried out through
 * the bus; a second member joining the first; the one-shot mode; then the stop. A step that fails
 * only leaves its classes out. Last, it loads without running them the classes a running agent
 * loads that the run cannot reach ({@value #CLASS_LIST}: the overlay's, the plugin's, DNS's,
 * those that read Docker's replies), as the JDK's own archive is made from a list.
 */
public final class ArchiveTraining {

  private static final List<String> COMMANDS = List.of("status", "ps");
  /** The joining member's address: loopback is all of 127.0.0.0/8, even in a build with only lo. */
  private static final String JOINING_ADDRESS = "127.0.0.2";
  private static final String TRAINING_ADDRESS = "weft.training";
  /** Beside this class: how to make it again is in docs/image.md. */
  static final String CLASS_LIST = "archive-classes.txt";

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
      join(services, state, cluster);
    } catch (Exception | Error e) {
      log.println("weft training: the agent's start stopped short: " + e);
    } finally {
      services.stop();
    }
    for (String verb : COMMANDS) {
      LocalMode.run(List.of(verb), nowhere, nowhere);
    }
    List<String> listed = listed();
    long loaded = listed.stream().filter(ArchiveTraining::load).count();
    log.println("weft training: " + loaded + " of the " + listed.size() + " classes listed loaded");
    forget(state); // the image keeps nothing of the run but the archive
    System.exit(0);
  }

  /**
   * A second member on another loopback address joins the first, as every host but a fleet's
   * first does: the salt learned from a candidate, the TLS handshakes, Hazelcast's join and its
   * partitions' migrations, Vert.x's clustered start, and a message across the event bus. Without
   * this the archive holds a lone member's classes, and a joining agent loads some thousands more.
   */
  private static void join(ServiceStack services, Path state, ClusterService first) throws Exception {
    Path joiningState = Files.createDirectories(state.resolve("joining"));
    Files.copy(state.resolve(AgentState.PASSWORD_FILE), joiningState.resolve(AgentState.PASSWORD_FILE));
    AgentArguments joiningOptions = AgentArguments.parse(List.of("--name", "training-joining",
        "--advertise", JOINING_ADDRESS, "--peer", "127.0.0.1", "--state-dir", joiningState.toString()));
    PrintStream nowhere = new PrintStream(OutputStream.nullOutputStream());
    ClusterService joining = services.start(new ClusterService(joiningOptions, nowhere, AgentLog.to(nowhere)));
    joining.node().vertx().eventBus().consumer(TRAINING_ADDRESS, message -> message.reply("ok"))
        .completion().toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
    first.node().vertx().eventBus().request(TRAINING_ADDRESS, "hello")
        .toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
  }

  /** The names in {@value #CLASS_LIST}, one per line; lines starting with # are comments. */
  static List<String> listed() throws IOException {
    try (InputStream in = ArchiveTraining.class.getResourceAsStream(CLASS_LIST)) {
      if (in == null) {
        return List.of();
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8).lines().map(String::strip)
          .filter(l -> !l.isEmpty() && !l.startsWith("#")).toList();
    }
  }

  /** Loads {@code name} without initialising it; false when this build has no such class. */
  static boolean load(String name) {
    try {
      Class.forName(name, false, ArchiveTraining.class.getClassLoader());
      return true;
    } catch (ClassNotFoundException | LinkageError gone) {
      return false;
    }
  }

  private static void forget(Path dir) throws IOException {
    try (Stream<Path> all = Files.walk(dir)) {
      for (Path path : all.sorted(Comparator.reverseOrder()).toList()) {
        Files.delete(path);
      }
    }
  }
}
