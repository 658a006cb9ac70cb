package io.weft.agent.plugin;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.weft.agent.alloc.AddressBook;
import io.weft.agent.alloc.Owner;
import io.weft.agent.command.HostCommands;
import io.weft.agent.host.HostKernel;
import io.weft.agent.host.WeftInterfaces;
import io.weft.common.ErrorCode;
import io.weft.common.WeftException;
import io.weft.common.net.Cidr;
import java.util.List;
import java.util.Map;

/**
 * Docker's network driver calls. An endpoint is a veth pair made when Docker creates the
 * endpoint: the host end on weft's bridge, the other left for Docker to move into the container
 * on join, where it is named {@code ethwe0}. Its address (given by weft's IPAM) is recorded with
 * its MAC so the other hosts' overlays send to it straight. Networks are local to each host,
 * as Docker allows a plugin without a swarm: every host has its own {@code weft} network.
 */
final class NetworkDriver {

  /** Locally administered, unicast; Docker's bridge driver uses 02:42 the same way. */
  static final String MAC_PREFIX = "02:77";
  private static final String GENERIC_OPTIONS = "com.docker.network.generic";
  private static final String IPV6_OPTION = "com.docker.network.enable_ipv6";
  private static final Map<String, PluginCall> NOTHING_TO_DO = Map.of(
      "/NetworkDriver.DeleteNetwork", request -> PluginAnswer.empty(),
      "/NetworkDriver.Leave", request -> PluginAnswer.empty(),
      "/NetworkDriver.DiscoverNew", request -> PluginAnswer.empty(),
      "/NetworkDriver.DiscoverDelete", request -> PluginAnswer.empty(),
      "/NetworkDriver.ProgramExternalConnectivity", request -> PluginAnswer.empty(),
      "/NetworkDriver.RevokeExternalConnectivity", request -> PluginAnswer.empty(),
      "/NetworkDriver.EndpointOperInfo", request -> PluginAnswer.of(new JsonObject().put("Value", new JsonObject())));

  private final HostKernel kernel;
  private final HostCommands commands;
  private final AddressBook book;
  private final DockerEndpoints endpoints;
  private final Owner owner;

  NetworkDriver(HostKernel kernel, HostCommands commands, AddressBook book, DockerEndpoints endpoints, String host) {
    this.kernel = kernel;
    this.commands = commands;
    this.book = book;
    this.endpoints = endpoints;
    this.owner = Owner.dockerNetworksOf(host);
  }

  Map<String, PluginCall> calls() {
    Map<String, PluginCall> calls = new java.util.HashMap<>(NOTHING_TO_DO);
    calls.put("/NetworkDriver.GetCapabilities", request -> PluginAnswer.of(new JsonObject().put("Scope", "local")));
    calls.put("/NetworkDriver.CreateNetwork", this::createNetwork);
    calls.put("/NetworkDriver.CreateEndpoint", this::createEndpoint);
    calls.put("/NetworkDriver.DeleteEndpoint", this::deleteEndpoint);
    calls.put("/NetworkDriver.Join", this::join);
    return calls;
  }

  private PluginAnswer createNetwork(JsonObject request) {
    PluginRequests.required(request, "NetworkID");
    JsonObject options = PluginRequests.object(request, "Options");
    JsonArray v6 = request.getJsonArray("IPv6Data");
    if (Boolean.TRUE.equals(options.getValue(IPV6_OPTION)) || (v6 != null && !v6.isEmpty())) {
      throw new WeftException(ErrorCode.BAD_CIDR, "weft networks are IPv4 only");
    }
    JsonObject generic = PluginRequests.object(options, GENERIC_OPTIONS);
    if (!generic.isEmpty()) {
      throw new WeftException(ErrorCode.BAD_REQUEST, "weft knows no network option "
          + String.join(", ", generic.fieldNames()) + " (weft networks take no --opt)");
    }
    JsonArray v4 = request.getJsonArray("IPv4Data", new JsonArray());
    for (Object data : v4) {
      String space = data instanceof JsonObject pool ? pool.getString("AddressSpace") : null;
      if (!IpamDriver.isWefts(space)) {
        throw new WeftException(ErrorCode.BAD_REQUEST, "a weft network's addresses come from the fleet's "
            + "record: make it with --ipam-driver weft");
      }
    }
    return PluginAnswer.empty();
  }

  private PluginAnswer createEndpoint(JsonObject request) {
    String endpoint = endpointId(request);
    JsonObject iface = PluginRequests.object(request, "Interface");
    String address = PluginRequests.text(iface, "Address");
    if (address == null || address.isBlank()) {
      throw new WeftException(ErrorCode.BAD_REQUEST, "endpoint " + shortId(endpoint) + " has no IPv4 address: "
          + "its network must use --ipam-driver weft");
    }
    Cidr cidr = Cidr.parse(address);
    String given = PluginRequests.text(iface, "MacAddress");
    boolean chosen = given != null && !given.isBlank();
    String mac = commands.exclusively(() -> kernel.makeEndpoint(endpoint, chosen ? given : macOf(cidr)));
    try {
      book.describe(List.of(cidr), owner, mac);
      endpoints.madeWith(cidr.address().toString(), endpoint);
    } catch (RuntimeException e) {
      commands.exclusively(() -> kernel.removeEndpoint(endpoint));
      throw e;
    }
    // Docker refuses an answer that changes a MAC it chose: name one only when it did not
    JsonObject answer = chosen
        ? new JsonObject() : new JsonObject().put("Interface", new JsonObject().put("MacAddress", mac));
    return new PluginAnswer(answer, () -> commands.exclusively(() -> kernel.removeEndpoint(endpoint)));
  }

  private PluginAnswer deleteEndpoint(JsonObject request) {
    String endpoint = endpointId(request);
    commands.exclusively(() -> kernel.removeEndpoint(endpoint));
    return PluginAnswer.empty();
  }

  private PluginAnswer join(JsonObject request) {
    String endpoint = endpointId(request);
    PluginRequests.required(request, "SandboxKey");
    JsonObject name = new JsonObject().put("SrcName", WeftInterfaces.endpointPeerEnd(endpoint))
        .put("DstPrefix", WeftInterfaces.DOCKER_PREFIX);
    // No gateway: weft is the containers' overlay, not their way out
    return PluginAnswer.of(new JsonObject().put("InterfaceName", name).put("DisableGatewayService", true));
  }

  /**
   * The MAC of an address, as Docker's bridge driver does it: {@value #MAC_PREFIX} and the
   * address's four bytes. Docker hands an address out again as soon as it is given back, and
   * with a MAC of its own, containers that spoke to the last holder would send to a MAC that is
   * gone until their ARP entry goes stale (half a minute or more); with the address's MAC they
   * reach the new holder at once, on whatever host, as the overlay's entries follow it.
   */
  static String macOf(Cidr cidr) {
    int bits = cidr.address().bits();
    return String.format("%s:%02x:%02x:%02x:%02x", MAC_PREFIX, bits >>> 24, (bits >>> 16) & 0xff,
        (bits >>> 8) & 0xff, bits & 0xff);
  }

  private static String endpointId(JsonObject request) {
    String id = PluginRequests.required(request, "EndpointID");
    if (!id.matches("[0-9a-f]{12,64}")) {
      throw new WeftException(ErrorCode.BAD_REQUEST, "'" + id + "' is not an endpoint id of Docker's");
    }
    return id;
  }

  private static String shortId(String id) {
    return id.substring(0, Math.min(12, id.length()));
  }
}
