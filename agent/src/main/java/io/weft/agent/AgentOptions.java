package io.weft.agent;

import io.weft.common.ErrorCode;
import io.weft.common.WeftException;
import io.weft.common.alloc.AddressRange;
import io.weft.common.net.Ipv4;
import io.weft.common.net.PeerName;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * What the long-running agent is told at launch. {@code name} and {@code advertise} are null
 * until {@link #withDefaults} fills them from the Docker engine and the host's interfaces.
 *
 * @param name the host's name in the fleet; by default the Docker engine's
 * @param advertise the host's underlay IPv4 address: Hazelcast, the event bus and VXLAN use it
 * @param peers addresses or host names to join, as given
 * @param range the range containers' addresses come from
 * @param stateDir where the agent keeps what must outlive it (the state volume)
 */
public record AgentOptions(String name, Ipv4 advertise, List<String> peers, AddressRange range,
    Path stateDir) {

  public static final Path DEFAULT_STATE_DIR = Path.of("/var/lib/weft");
  public static final String USAGE = "usage: [--name NAME] [--advertise ADDR] [--peer ADDR|NAME]..."
      + " [--range CIDR] [--state-dir DIR]";

  public AgentOptions {
    peers = List.copyOf(peers);
  }

  /** Parses the agent's arguments; a {@link WeftException} (BAD_REQUEST) names what is wrong. */
  public static AgentOptions parse(List<String> args) {
    String name = null;
    Ipv4 advertise = null;
    List<String> peers = new ArrayList<>();
    AddressRange range = AddressRange.DEFAULT;
    Path stateDir = DEFAULT_STATE_DIR;
    for (int i = 0; i < args.size(); i++) {
      String option = args.get(i);
      String value = i + 1 < args.size() ? args.get(i + 1) : null;
      if (value == null || value.startsWith("--")) {
        throw bad(option.startsWith("--") ? option + " needs a value" : "unexpected '" + option + "'");
      }
      switch (option) {
        case "--name" -> name = requireName(value);
        case "--advertise" -> advertise = Ipv4.parse(value);
        case "--peer" -> peers.add(PeerName.check(value));
        case "--range" -> range = AddressRange.parse(value);
        case "--state-dir" -> stateDir = Path.of(value);
        default -> throw bad("unknown option '" + option + "'");
      }
      i++;
    }
    return new AgentOptions(name, advertise, peers, range, stateDir);
  }

  public AgentOptions withDefaults(String defaultName, Ipv4 defaultAdvertise) {
    return new AgentOptions(name == null ? defaultName : name,
        advertise == null ? defaultAdvertise : advertise, peers, range, stateDir);
  }

  private static String requireName(String value) {
    if (!value.matches("[A-Za-z0-9][A-Za-z0-9_.-]{0,62}")) {
      throw bad("'" + value + "' is not a host name (letters, digits, '.', '_', '-')");
    }
    return value;
  }

  private static WeftException bad(String message) {
    return new WeftException(ErrorCode.BAD_REQUEST, message + " (" + USAGE + ")");
  }
}
