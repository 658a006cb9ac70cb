package io.weft.common.agent;

import io.weft.common.ErrorCode;
import io.weft.common.WeftException;
import io.weft.common.alloc.AddressRange;
import io.weft.common.dns.DnsNames;
import io.weft.common.net.Ipv4;
import io.weft.common.net.PeerName;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * What the long-running agent is told at launch: {@code weft launch} writes these as the agent
 * container's arguments ({@link #toArgs}) and the agent reads them back ({@link #parse}).
 * {@code name} and {@code advertise} are null until the agent fills them from its Docker engine
 * and its host's interfaces ({@link #withDefaults}).
 *
 * @param name the host's name in the fleet; by default the Docker engine's
 * @param advertise the host's underlay IPv4 address: Hazelcast, the event bus and VXLAN use it
 * @param peers addresses or host names to join, as given
 * @param range the range containers' addresses come from
 * @param stateDir where the agent keeps what must outlive it (the state volume)
 * @param dnsDomain the domain weft's DNS knows containers in
 * @param plain a new fleet's founder chose not to encrypt its traffic ({@code --no-encrypt})
 * @param mtu the containers' MTU asked for ({@code --mtu}), 0 to follow from the underlay's
 */
public record AgentArguments(String name, Ipv4 advertise, List<String> peers, AddressRange range,
    Path stateDir, String dnsDomain, boolean plain, int mtu) {

  public static final Path DEFAULT_STATE_DIR = Path.of(AgentState.DIR);
  public static final String USAGE = "usage: [--name NAME] [--advertise ADDR] [--peer ADDR|NAME]..."
      + " [--range CIDR] [--state-dir DIR] [--dns-domain DOMAIN] [--no-encrypt] [--mtu MTU]";
  /** The smallest and largest MTU {@code --mtu} takes: IPv4's minimum, and a jumbo frame's. */
  public static final int MIN_MTU = 576;
  public static final int MAX_MTU = 9000;

  public AgentArguments(String name, Ipv4 advertise, List<String> peers, AddressRange range,
      Path stateDir, String dnsDomain) {
    this(name, advertise, peers, range, stateDir, dnsDomain, false, 0);
  }

  public AgentArguments {
    if (mtu != 0 && (mtu < MIN_MTU || mtu > MAX_MTU)) {
      throw new WeftException(ErrorCode.BAD_REQUEST,
          "an MTU of " + mtu + " is out of " + MIN_MTU + ".." + MAX_MTU);
    }
    peers = List.copyOf(peers);
    range = range == null ? AddressRange.DEFAULT : range;
    stateDir = stateDir == null ? DEFAULT_STATE_DIR : stateDir;
    dnsDomain = dnsDomain == null ? DnsNames.DEFAULT_DOMAIN : DnsNames.domain(dnsDomain);
    if (name != null && !name.matches("[A-Za-z0-9][A-Za-z0-9_.-]{0,62}")) {
      throw new WeftException(ErrorCode.BAD_REQUEST,
          "'" + name + "' is not a host name (letters, digits, '.', '_', '-')");
    }
    peers.forEach(PeerName::check);
  }

  /** The arguments without a DNS domain of their own: {@value DnsNames#DEFAULT_DOMAIN}. */
  public AgentArguments(String name, Ipv4 advertise, List<String> peers, AddressRange range,
      Path stateDir) {
    this(name, advertise, peers, range, stateDir, null);
  }

  /** What {@code weft launch} asks for: peers, and a range and name when given (null: default). */
  public static AgentArguments forLaunch(List<String> peers, AddressRange range, String name) {
    return forLaunch(peers, range, name, null);
  }

  /** As {@link #forLaunch(List, AddressRange, String)}, with a DNS domain (null: the default). */
  public static AgentArguments forLaunch(List<String> peers, AddressRange range, String name,
      String dnsDomain) {
    return new AgentArguments(name, null, peers, range, null, dnsDomain);
  }

  /** Parses the agent's arguments; a {@link WeftException} (BAD_REQUEST) names what is wrong. */
  public static AgentArguments parse(List<String> args) {
    try {
      return read(args);
    } catch (WeftException e) {
      if (e.code() != ErrorCode.BAD_REQUEST || e.getMessage().endsWith(USAGE + ")")) {
        throw e;
      }
      throw bad(e.getMessage());
    }
  }

  private static AgentArguments read(List<String> args) {
    String name = null;
    Ipv4 advertise = null;
    List<String> peers = new ArrayList<>();
    AddressRange range = null;
    Path stateDir = null;
    String dnsDomain = null;
    boolean plain = false;
    int mtu = 0;
    for (int i = 0; i < args.size(); i++) {
      String option = args.get(i);
      if (option.equals("--no-encrypt")) {
        plain = true;
        continue;
      }
      String value = i + 1 < args.size() ? args.get(i + 1) : null;
      if (value == null || value.startsWith("--")) {
        throw bad(option.startsWith("--") ? option + " needs a value" : "unexpected '" + option + "'");
      }
      switch (option) {
        case "--name" -> name = value;
        case "--advertise" -> advertise = Ipv4.parse(value);
        case "--peer" -> peers.add(value);
        case "--range" -> range = AddressRange.parse(value);
        case "--state-dir" -> stateDir = Path.of(value);
        case "--dns-domain" -> dnsDomain = value;
        case "--mtu" -> mtu = mtu(value);
        default -> throw bad("unknown option '" + option + "'");
      }
      i++;
    }
    return new AgentArguments(name, advertise, peers, range, stateDir, dnsDomain, plain, mtu);
  }

  /** An MTU as {@code --mtu} takes it: a number in {@value #MIN_MTU}..{@value #MAX_MTU}. */
  public static int mtu(String text) {
    if (!text.matches("[0-9]{1,5}")) {
      throw new WeftException(ErrorCode.BAD_REQUEST, "'" + text + "' is not an MTU (a number of bytes, "
          + MIN_MTU + ".." + MAX_MTU + ")");
    }
    int mtu = Integer.parseInt(text);
    if (mtu < MIN_MTU || mtu > MAX_MTU) {
      throw new WeftException(ErrorCode.BAD_REQUEST,
          "an MTU of " + mtu + " is out of " + MIN_MTU + ".." + MAX_MTU);
    }
    return mtu;
  }

  /** The arguments {@link #parse} reads back into these; defaults are left out. */
  public List<String> toArgs() {
    List<String> args = new ArrayList<>();
    peers.forEach(p -> args.addAll(List.of("--peer", p)));
    if (!range.equals(AddressRange.DEFAULT)) {
      args.addAll(List.of("--range", range.toString()));
    }
    if (name != null) {
      args.addAll(List.of("--name", name));
    }
    if (advertise != null) {
      args.addAll(List.of("--advertise", advertise.toString()));
    }
    if (!stateDir.equals(DEFAULT_STATE_DIR)) {
      args.addAll(List.of("--state-dir", stateDir.toString()));
    }
    if (!dnsDomain.equals(DnsNames.DEFAULT_DOMAIN)) {
      args.addAll(List.of("--dns-domain", dnsDomain));
    }
    if (plain) {
      args.add("--no-encrypt");
    }
    if (mtu != 0) {
      args.addAll(List.of("--mtu", String.valueOf(mtu)));
    }
    return args;
  }

  /** These arguments with the data plane's choices: no encryption for a new fleet, an MTU. */
  public AgentArguments withWire(boolean plain, int mtu) {
    return new AgentArguments(name, advertise, peers, range, stateDir, dnsDomain, plain, mtu);
  }

  public AgentArguments withDefaults(String defaultName, Ipv4 defaultAdvertise) {
    return new AgentArguments(name == null ? defaultName : name,
        advertise == null ? defaultAdvertise : advertise, peers, range, stateDir, dnsDomain, plain, mtu);
  }

  private static WeftException bad(String message) {
    return new WeftException(ErrorCode.BAD_REQUEST, message + " (" + USAGE + ")");
  }
}
