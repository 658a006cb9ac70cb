package io.weft.shell.cli;

import io.weft.docker.image.AgentImage;
import io.weft.shell.sandbox.Sandbox;
import io.weft.shell.sandbox.SandboxCut;
import io.weft.shell.sandbox.SandboxHost;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/**
 * {@code weft sandbox up|down|status|restart|cut|heal|env}: several Docker hosts on this machine,
 * for trying weft.
 */
@Command(
    name = "sandbox",
    // --help on the sandbox and on each of its subcommands
    mixinStandardHelpOptions = true,
    scope = picocli.CommandLine.ScopeType.INHERIT,
    description = "Several Docker hosts on this Linux machine (needs root): host1..hostN, "
        + "each a network namespace with its own engine.",
    subcommands = {
      SandboxCommand.Up.class,
      SandboxCommand.Down.class,
      SandboxCommand.Status.class,
      SandboxCommand.Restart.class,
      SandboxCommand.Cut.class,
      SandboxCommand.Heal.class,
      SandboxCommand.Env.class,
    })
final class SandboxCommand implements Runnable {

  @picocli.CommandLine.Spec picocli.CommandLine.Model.CommandSpec spec;

  @Override
  public void run() {
    throw new picocli.CommandLine.ParameterException(spec.commandLine(),
        "sandbox needs one of: up, down, status, restart, cut, heal, env");
  }

  static Sandbox sandbox() {
    long start = System.nanoTime();
    return Sandbox.standard(line ->
        System.out.printf("[%5.1fs] %s%n", (System.nanoTime() - start) / 1e9, line));
  }

  @Command(name = "up", description = "Make N hosts with the agent image loaded, replacing any "
      + "earlier sandbox. Installs the Docker engine when missing.")
  static final class Up implements Runnable {
    @picocli.CommandLine.Spec picocli.CommandLine.Model.CommandSpec spec;

    @Parameters(paramLabel = "N", description = "how many hosts (1 to 20)")
    int count;

    @picocli.CommandLine.Option(names = "--mtu", paramLabel = "MTU",
        description = "the underlay's MTU (default 1500; 9000 for jumbo frames)")
    int mtu = Sandbox.DEFAULT_MTU;

    @Override
    public void run() {
      if (count < 1 || count > Sandbox.MAX_HOSTS) {
        throw new picocli.CommandLine.ParameterException(spec.commandLine(),
            "a sandbox has 1 to " + Sandbox.MAX_HOSTS + " hosts, not " + count);
      }
      if (mtu < Sandbox.MIN_MTU || mtu > Sandbox.MAX_MTU) {
        throw new picocli.CommandLine.ParameterException(spec.commandLine(),
            "the underlay's MTU is " + Sandbox.MIN_MTU + " to " + Sandbox.MAX_MTU + ", not " + mtu);
      }
      long start = System.nanoTime();
      AgentImage image = AgentImage.fromBuildTree(WeftHome.path());
      List<SandboxHost> hosts = sandbox().up(count, image, mtu);
      System.out.printf("sandbox up: %d host%s in %.1f s%n", hosts.size(),
          hosts.size() == 1 ? "" : "s", (System.nanoTime() - start) / 1e9);
      Status.print(sandbox(), hosts);
    }
  }

  @Command(name = "down", description = "Remove every namespace, link, engine and state folder "
      + "the sandbox made.")
  static final class Down implements Runnable {
    @Override
    public void run() {
      Sandbox sandbox = sandbox();
      if (!sandbox.isPresent()) {
        throw new IllegalStateException("no sandbox is up");
      }
      sandbox.down();
      System.out.println("sandbox down");
    }
  }

  @Command(name = "status", description = "List the hosts, their addresses, whether their "
      + "engines answer and which hosts are cut off.")
  static final class Status implements Runnable {
    @Override
    public void run() {
      Sandbox sandbox = sandbox();
      List<SandboxHost> hosts = sandbox.hosts();
      if (hosts.isEmpty()) {
        throw new IllegalStateException("no sandbox is up (start one with: weft sandbox up N)");
      }
      print(sandbox, hosts);
    }

    static void print(Sandbox sandbox, List<SandboxHost> hosts) {
      List<SandboxCut> cuts = sandbox.currentCuts();
      String row = "%-8s %-14s %-26s %-7s %s%n";
      System.out.printf(row, "HOST", "ADDRESS", "DOCKER_HOST", "ENGINE", "CUT");
      for (SandboxHost host : hosts) {
        System.out.printf(row, host.name(), host.address(), host.dockerHost(),
            sandbox.engineAnswers(host) ? "up" : "down",
            cuts.stream().anyMatch(c -> c.isNamed(host)) ? "yes" : "-");
      }
      cuts.forEach(c -> System.out.println("cut: " + c.describe()));
    }
  }

  @Command(name = "restart", description = "Crash one host and boot it again, as a power cut "
      + "would: its engine and every process in it are killed, its network and /run cleared, "
      + "and its engine started afresh (with the containers whose restart policy asks for it). "
      + "With --engine, restart its Docker engine alone, as systemctl restart docker would.")
  static final class Restart implements Runnable {
    @Parameters(paramLabel = "NAME", description = "a host's name, e.g. host2")
    String name;

    @picocli.CommandLine.Option(names = "--engine", description = "stop the engine in order and start it again; "
        + "nothing else of the host's")
    boolean engineOnly;

    @Override
    public void run() {
      if (engineOnly) {
        sandbox().restartEngine(name);
      } else {
        sandbox().restart(name);
      }
    }
  }

  @Command(name = "cut", description = "Separate the named hosts from the others: no traffic "
      + "passes between the two sides, both ways, while each side's hosts reach each other and "
      + "the machine reaches every engine. Or, with NAME/NAME, cut only those pairs: each host "
      + "still reaches every other. Replaces every earlier cut; a restarted host stays on its side.")
  static final class Cut implements Runnable {
    @Parameters(paramLabel = "NAME[,NAME...]|NAME/NAME[,...]", description = "the hosts to cut "
        + "off, e.g. host2,host3; or the pairs to cut, e.g. host1/host3")
    String names;

    @Override
    public void run() {
      long start = System.nanoTime();
      SandboxCut cut = sandbox().cut(names);
      System.out.printf("sandbox cut: %s (%.0f ms)%n", cut.describe(),
          (System.nanoTime() - start) / 1e6);
    }
  }

  @Command(name = "heal", description = "Remove every cut: every host reaches every other again.")
  static final class Heal implements Runnable {
    @Override
    public void run() {
      long start = System.nanoTime();
      List<SandboxCut> were = sandbox().heal();
      System.out.printf("sandbox heal: %s (%.0f ms)%n", were.isEmpty() ? "nothing was cut"
          : "joined " + String.join("; ", were.stream().map(SandboxCut::describe).toList()),
          (System.nanoTime() - start) / 1e6);
    }
  }

  @Command(name = "env", description = "Print the export line that points docker and weft at "
      + "one host: eval \"$(weft sandbox env host1)\".")
  static final class Env implements Runnable {
    @Parameters(paramLabel = "NAME", description = "a host's name, e.g. host1")
    String name;

    @Override
    public void run() {
      System.out.println("export DOCKER_HOST=" + sandbox().host(name).dockerHost());
    }
  }
}
