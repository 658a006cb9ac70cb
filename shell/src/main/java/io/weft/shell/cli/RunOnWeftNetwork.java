package io.weft.shell.cli;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.command.CreateContainerCmd;
import com.github.dockerjava.api.command.InspectContainerResponse;
import com.github.dockerjava.api.exception.NotFoundException;
import com.github.dockerjava.api.model.ContainerNetwork;
import io.weft.common.agent.PluginContract;
import io.weft.common.bus.HostReply;
import io.weft.common.command.Attach;
import io.weft.common.command.ContainerView;
import io.weft.common.command.DnsArgs;
import io.weft.common.net.Cidr;
import io.weft.common.net.Ipv4;
import io.weft.common.process.ProcessResult;
import io.weft.docker.engine.DockerNetworks;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * {@code weft run} on a host where weft is launched: the container joins Docker's network weft
 * (weft's plugin) before it starts, so its interface is there when its process starts, Docker
 * gives it back at every start (a restart policy, an engine's restart), and {@code
 * --network-alias} names it in weft's DNS. Docker's own network for it is the one docker run
 * would give it: {@code --network}'s, else Docker's {@code bridge} where the engine has one
 * ({@code -p} works there); weft's is then joined before the start.
 */
final class RunOnWeftNetwork {

  /** What docker create takes of docker run's options: not these. */
  private static final Set<String> RUN_ONLY = Set.of("detach", "sig-proxy", "detach-keys");

  private final DockerClient docker;
  private final DockerRunWords run;
  private final List<String> cidrs;
  private final Optional<DockerCommandLine> cli;
  private final boolean json;

  RunOnWeftNetwork(DockerClient docker, DockerRunWords run, List<String> cidrs, Optional<DockerCommandLine> cli,
      boolean json) {
    this.docker = docker;
    this.run = run;
    this.cidrs = cidrs;
    this.cli = cli;
    this.json = json;
  }

  /**
   * Where the container goes: weft's network ({@code weft}), with {@code address} when a CIDR
   * asks for one, and Docker's own network for it ({@code own}), null when weft's is its only one.
   */
  private record Placement(String weft, String address, String own) {}

  int run() {
    long start = System.nanoTime();
    Placement where = placement();
    List<String> dns = dnsOptions();
    boolean foreground = RunVerb.foreground(run);
    if (foreground && cli.isEmpty()) {
      throw new IllegalArgumentException("run: -i, -t and -a need the docker command line, which is not on this "
          + "machine's PATH: use docker run -it --net=" + where.weft() + " (or put docker's CLI on the PATH)");
    }
    if (foreground) {
      return onThisTerminal(cli.get(), where, dns);
    }
    String id = cli.isPresent() ? detached(cli.get(), where, dns) : throughTheApi(where, dns);
    print(id, where.weft(), start);
    return 0;
  }

  private Placement placement() {
    Map<String, List<String>> wefts = new DockerNetworks(docker).subnetsOfDriver(PluginContract.DRIVER);
    String asked = run.value("network");
    boolean askedWeft = asked != null && wefts.containsKey(asked);
    Cidr cidr = cidr(askedWeft ? asked : null, wefts);
    String weft = cidr != null ? networkOf(cidr, wefts) : askedWeft ? asked : PluginContract.NETWORK;
    String own = asked != null && !askedWeft ? asked : asked == null ? dockersDefault() : null;
    return new Placement(weft, cidr == null ? null : cidr.address().toString(), own);
  }

  /** docker run in the foreground, on weft's network alone or created, joined and started attached. */
  private int onThisTerminal(DockerCommandLine cli, Placement where, List<String> dns) {
    if (where.own() == null) {
      return cli.runOnTerminal(runOnWeft(where, dns, false));
    }
    String id = createdOnOwn(cli, where, dns);
    joinWeft(id, where.weft(), where.address());
    return cli.runOnTerminal(startOnTerminal(id));
  }

  /** docker run -d on weft's network alone, or docker create, weft joined, docker start. */
  private String detached(DockerCommandLine cli, Placement where, List<String> dns) {
    if (where.own() == null) {
      return RunVerb.idOf(cli.run(runOnWeft(where, dns, true)), "docker run");
    }
    String id = createdOnOwn(cli, where, dns);
    joinWeft(id, where.weft(), where.address());
    ProcessResult started = cli.run(List.of("start", id));
    if (started.exitCode() != 0) {
      removeQuietly(id);
      throw new IllegalStateException("docker start: " + started.stderr().strip().lines().findFirst().orElse(""));
    }
    return id;
  }

  private List<String> runOnWeft(Placement where, List<String> dns, boolean detach) {
    List<String> args = new ArrayList<>(List.of("run"));
    if (detach) {
      args.add("--detach");
    }
    args.add("--network=" + where.weft());
    if (where.address() != null) {
      args.add("--ip=" + where.address());
    }
    args.addAll(dns);
    args.addAll(run.wordsWithout(Set.of("network", "detach")));
    return args;
  }

  /** docker create on Docker's own network; the aliases are for weft's, joined next. */
  private String createdOnOwn(DockerCommandLine cli, Placement where, List<String> dns) {
    List<String> args = new ArrayList<>(List.of("create", "--network=" + where.own()));
    args.addAll(dns);
    Set<String> weftsOrRunsOnly = new HashSet<>(RUN_ONLY);
    weftsOrRunsOnly.addAll(Set.of("network", "network-alias"));
    args.addAll(run.wordsWithout(weftsOrRunsOnly));
    return RunVerb.idOf(cli.run(args), "docker create");
  }

  /** The Engine API's way: created, weft joined when it is not the only network, started. */
  private String throughTheApi(Placement where, List<String> dns) {
    String id = createdThroughTheApi(where, dns);
    if (where.own() != null) {
      joinWeft(id, where.weft(), where.address());
    }
    try {
      docker.startContainerCmd(id).exec();
    } catch (RuntimeException e) {
      removeQuietly(id);
      throw e;
    }
    return id;
  }

  /** Docker's network for a container docker run is given none: its bridge, where the engine has one. */
  private String dockersDefault() {
    return docker.listNetworksCmd().withNameFilter("bridge").exec().stream()
        .anyMatch(n -> n.getName().equals("bridge") && "bridge".equals(n.getDriver())) ? "bridge" : null;
  }

  /** The CIDR given, checked against the weft network it must be in; null for none. */
  private Cidr cidr(String network, Map<String, List<String>> wefts) {
    if (cidrs.isEmpty()) {
      return null;
    }
    if (cidrs.size() > 1) {
      throw new IllegalArgumentException("run: on Docker's network a container has one address: give one CIDR "
          + "(weft attach adds more once it runs)");
    }
    if (run.value("ip") != null) {
      throw new IllegalArgumentException("run: give the address once, as a CIDR or as --ip");
    }
    Cidr cidr = Cidr.parse(cidrs.get(0));
    String fits = networkOf(cidr, wefts);
    if (fits == null || (network != null && !network.equals(fits))) {
      throw new IllegalArgumentException("run: no Docker network of weft's" + (network == null ? "" : " named "
          + network) + " has the subnet " + cidr.subnet() + " for " + cidr + " (docker network create -d weft "
          + "--ipam-driver weft --subnet " + cidr.subnet() + " NAME)");
    }
    return cidr;
  }

  /** The weft network whose subnet is the CIDR's, or null. */
  private static String networkOf(Cidr cidr, Map<String, List<String>> wefts) {
    for (Map.Entry<String, List<String>> network : wefts.entrySet()) {
      if (network.getValue().contains(cidr.subnet().toString())) {
        return network.getKey();
      }
    }
    return null;
  }

  /** weft's DNS for the container, unless docker run's options name their own. */
  private List<String> dnsOptions() {
    List<String> dns = new ArrayList<>();
    if (run.values("dns").isEmpty()) {
      Optional<DnsArgs.Reply> weftDns = WeftDns.of(docker);
      weftDns.ifPresent(reply -> {
        dns.add("--dns=" + reply.server());
        if (run.values("dns-search").isEmpty()) {
          dns.add("--dns-search=" + reply.domain());
        }
      });
    }
    return dns;
  }

  /** Joins weft's network before the container's first start; the container goes if it cannot. */
  private void joinWeft(String id, String weft, String address) {
    ContainerNetwork endpoint = new ContainerNetwork().withAliases(run.values("network-alias"));
    if (address != null) {
      endpoint.withIpamConfig(new ContainerNetwork.Ipam().withIpv4Address(address));
    }
    try {
      docker.connectToNetworkCmd().withNetworkId(weft).withContainerId(id).withContainerNetwork(endpoint).exec();
    } catch (RuntimeException e) {
      removeQuietly(id);
      throw new IllegalStateException("run: joining the network " + weft + " failed: " + e.getMessage(), e);
    }
  }

  private List<String> startOnTerminal(String id) {
    List<String> args = new ArrayList<>(List.of("start", "--attach"));
    if (run.has("interactive")) {
      args.add("--interactive");
    }
    if (run.value("detach-keys") != null) {
      args.add("--detach-keys=" + run.value("detach-keys"));
    }
    args.add(id);
    return args;
  }

  private String createdThroughTheApi(Placement where, List<String> dns) {
    CreateContainerCmd create = docker.createContainerCmd(run.image);
    DockerRunApi.applyTo(run, create);
    for (String option : dns) {
      if (option.startsWith("--dns=")) {
        create.getHostConfig().withDns(option.substring("--dns=".length()));
      } else {
        create.getHostConfig().withDnsSearch(option.substring("--dns-search=".length()));
      }
    }
    if (where.own() == null) {
      create.getHostConfig().withNetworkMode(where.weft());
      create.withAliases(run.values("network-alias"));
      if (where.address() != null) {
        create.withIpv4Address(where.address());
      }
    } else {
      create.getHostConfig().withNetworkMode(where.own());
    }
    try {
      return create.exec().getId();
    } catch (NotFoundException e) {
      throw new IllegalStateException("no image '" + run.image + "' on the host (weft run does not pull)");
    }
  }

  /** The id, as docker run -d prints it; with --json, the container's address on weft as attach tells it. */
  private void print(String id, String weft, long start) {
    if (!json) {
      System.out.println(id);
      return;
    }
    InspectContainerResponse container = docker.inspectContainerCmd(id).exec();
    ContainerNetwork endpoint = container.getNetworkSettings().getNetworks().get(weft);
    List<Cidr> addresses = endpoint == null || endpoint.getIpAddress() == null || endpoint.getIpAddress().isEmpty()
        ? List.of() : List.of(new Cidr(Ipv4.parse(endpoint.getIpAddress()), endpoint.getIpPrefixLen()));
    ContainerView view = new ContainerView(id, container.getName().replaceFirst("^/", ""), null, addresses);
    double millis = (System.nanoTime() - start) / 1e6;
    String host = docker.infoCmd().exec().getName();
    System.out.println(HostReply.ok(host, new Attach.Reply(view, addresses, millis).toJson()).toJson().encode());
  }

  private void removeQuietly(String id) {
    try {
      docker.removeContainerCmd(id).withForce(true).exec();
    } catch (RuntimeException e) {
      // gone already
    }
  }
}
