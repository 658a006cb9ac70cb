package io.weft.bench.faults;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.model.Container;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.weft.common.bus.CommandRequest;
import io.weft.common.bus.HostReply;
import io.weft.common.bus.Target;
import io.weft.common.command.Ps;
import io.weft.common.command.Status;
import io.weft.common.process.HostProcess;
import io.weft.docker.agent.AgentExec;
import io.weft.docker.agent.ExecChannel;
import io.weft.shell.sandbox.SandboxHost;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * What must hold of a whole fleet after any fault, read from each host's kernel, Docker engine
 * and state volume, not from weft's word: every address held by one container; every host's
 * forwarding entries those the membership and the address record call for; no leaked veth,
 * claim or block; every host answering a command.
 */
final class FleetCheck {

  /** What was found; {@code problems} says each in a line. */
  record Result(int duplicates, int leaks, int unanswered, int entryMismatches, List<String> problems) {
    boolean clean() {
      return duplicates == 0 && leaks == 0 && unanswered == 0 && entryMismatches == 0;
    }
  }

  private final List<SandboxHost> hosts;
  private final Map<String, DockerClient> engines;
  private final int blocksTotal;

  FleetCheck(List<SandboxHost> hosts, Map<String, DockerClient> engines, int blocksTotal) {
    this.hosts = hosts;
    this.engines = engines;
    this.blocksTotal = blocksTotal;
  }

  Result run() {
    List<String> problems = new ArrayList<>();
    int unanswered = unanswered(problems);
    Map<String, List<Ps.Row>> ps = new TreeMap<>();
    for (SandboxHost host : hosts) {
      ps.put(host.name(), attached(host, problems));
    }
    int duplicates = duplicates(ps, problems);
    int leaks = leakedVeths(problems) + leakedClaims(problems) + leakedBlocks(problems);
    int mismatches = entryMismatches(ps, problems);
    return new Result(duplicates, leaks, unanswered, mismatches, problems);
  }

  /** Hosts that do not answer {@code status --host all} from every host. */
  private int unanswered(List<String> problems) {
    Set<String> silent = new TreeSet<>();
    for (SandboxHost from : hosts) {
      try {
        Set<String> answered = new HashSet<>();
        for (HostReply reply : new ExecChannel(engines.get(from.name()))
            .command(new CommandRequest(Target.ALL, new Status()))) {
          answered.add(reply.host());
          if (!reply.ok()) {
            silent.add(reply.host());
            problems.add(from.name() + ": " + reply.host() + " did not answer: " + reply.message());
          }
        }
        for (SandboxHost other : hosts) {
          if (!answered.contains(other.name())) {
            silent.add(other.name());
            problems.add(from.name() + " does not know " + other.name());
          }
        }
      } catch (RuntimeException e) {
        silent.add(from.name());
        problems.add(from.name() + ": its agent does not answer: " + e.getMessage());
      }
    }
    return silent.size();
  }

  private List<Ps.Row> attached(SandboxHost host, List<String> problems) {
    try {
      HostReply reply = new ExecChannel(engines.get(host.name()))
          .command(new CommandRequest(Target.SELF, new Ps())).get(0);
      return reply.result(new Ps()).containers();
    } catch (RuntimeException e) {
      problems.add(host.name() + ": ps failed: " + e.getMessage());
      return List.of();
    }
  }

  private static int duplicates(Map<String, List<Ps.Row>> ps, List<String> problems) {
    Map<String, List<String>> holders = new TreeMap<>();
    ps.forEach((host, rows) -> rows.forEach(row -> row.addresses().forEach(cidr ->
        holders.computeIfAbsent(cidr.address().toString(), a -> new ArrayList<>()).add(host + "/" + row.id()))));
    int duplicates = 0;
    for (Map.Entry<String, List<String>> e : holders.entrySet()) {
      if (e.getValue().size() > 1) {
        duplicates++;
        problems.add("DUPLICATE " + e.getKey() + " held by " + e.getValue());
      }
    }
    return duplicates;
  }

  /** Host ends of weft's veths whose container process is gone. */
  private int leakedVeths(List<String> problems) {
    int leaks = 0;
    for (SandboxHost host : hosts) {
      Set<Integer> running = new HashSet<>();
      for (Container c : engines.get(host.name()).listContainersCmd().exec()) {
        Long pid = engines.get(host.name()).inspectContainerCmd(c.getId()).exec().getState().getPidLong();
        if (pid != null) {
          running.add(pid.intValue());
        }
      }
      String links = HostProcess.of("ip", "-n", host.name(), "-j", "link", "show").run();
      for (Object item : new JsonArray(links)) {
        String name = ((JsonObject) item).getString("ifname");
        if (name.startsWith("vethwepl") && !running.contains(Integer.parseInt(name.substring(8)))) {
          leaks++;
          problems.add("LEAK " + host.name() + ": veth " + name + " without its container");
        }
      }
    }
    return leaks;
  }

  /** Addresses the hosts' records hold for containers that no longer exist. */
  private int leakedClaims(List<String> problems) {
    int leaks = 0;
    for (SandboxHost host : hosts) {
      Set<String> existing = new HashSet<>();
      engines.get(host.name()).listContainersCmd().withShowAll(true).exec().forEach(c -> existing.add(c.getId()));
      JsonObject record = record(host);
      for (Object item : record.getJsonArray("holdings", new JsonArray())) {
        String container = ((JsonObject) item).getString("container");
        if (!container.equals("weft:expose") && !existing.contains(container)) {
          leaks++;
          problems.add("LEAK " + host.name() + ": " + ((JsonObject) item).getString("cidr")
              + " held for a removed container " + container.substring(0, 12));
        }
      }
    }
    return leaks;
  }

  /** Blocks owned by no host, or by two. */
  private int leakedBlocks(List<String> problems) {
    Map<Integer, List<String>> owners = new HashMap<>();
    for (SandboxHost host : hosts) {
      JsonObject blocks = record(host).getJsonObject("blocks", new JsonObject());
      for (Object item : blocks.getJsonArray("owned", new JsonArray())) {
        JsonArray run = (JsonArray) item;
        for (int i = 0; i < run.getInteger(1); i++) {
          owners.computeIfAbsent(run.getInteger(0) + i, b -> new ArrayList<>()).add(host.name());
        }
      }
    }
    int twice = (int) owners.values().stream().filter(o -> o.size() > 1).count();
    int lost = blocksTotal - owners.size();
    if (twice > 0) {
      problems.add("LEAK " + twice + " blocks owned by two hosts");
    }
    if (lost > 0) {
      problems.add("LEAK " + lost + " blocks owned by no host");
    }
    return twice + lost;
  }

  /**
   * Each host's VXLAN entries against what they should be: a flood entry for every other host,
   * and for every address another host's record holds with a MAC (its containers, running or
   * stopped, and its bridge), that MAC towards that host.
   */
  private int entryMismatches(Map<String, List<Ps.Row>> ps, List<String> problems) {
    Map<String, Set<String>> macs = new HashMap<>();
    for (SandboxHost host : hosts) {
      Set<String> held = new TreeSet<>();
      for (Object item : record(host).getJsonArray("holdings", new JsonArray())) {
        String mac = ((JsonObject) item).getString("mac");
        if (mac != null) {
          held.add(mac);
        }
      }
      macs.put(host.name(), held);
    }
    int mismatches = 0;
    for (SandboxHost host : hosts) {
      Set<String> wanted = new TreeSet<>();
      for (SandboxHost other : hosts) {
        if (other != host) {
          wanted.add("00:00:00:00:00:00>" + other.address());
          macs.get(other.name()).forEach(mac -> wanted.add(mac + ">" + other.address()));
        }
      }
      Set<String> present = new TreeSet<>();
      String fdb = HostProcess.of("bridge", "-n", host.name(), "-j", "fdb", "show", "dev", "vxlan-weft")
          .runAllowingFailure().stdout();
      if (!fdb.isBlank()) {
        for (Object item : new JsonArray(fdb)) {
          JsonObject entry = (JsonObject) item;
          if (entry.getString("dst") != null) {
            present.add(entry.getString("mac") + ">" + entry.getString("dst"));
          }
        }
      }
      Set<String> missing = new TreeSet<>(wanted);
      missing.removeAll(present);
      Set<String> extra = new TreeSet<>(present);
      extra.removeAll(wanted);
      if (!missing.isEmpty() || !extra.isEmpty()) {
        mismatches++;
        problems.add("ENTRIES " + host.name() + ": missing " + missing + ", not wanted " + extra);
      }
    }
    return mismatches;
  }

  private JsonObject record(SandboxHost host) {
    try {
      return new JsonObject(new AgentExec(engines.get(host.name())).readStateFile("addresses.json"));
    } catch (RuntimeException e) {
      return new JsonObject();
    }
  }
}
