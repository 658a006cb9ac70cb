package io.weft.agent.plugin;

import io.vertx.core.json.JsonObject;
import io.weft.agent.alloc.AddressBook;
import io.weft.agent.alloc.Owner;
import io.weft.common.ErrorCode;
import io.weft.common.WeftException;
import io.weft.common.agent.PluginContract;
import io.weft.common.net.Cidr;
import io.weft.common.net.Ipv4;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

/**
 * Docker's IPAM driver calls, answered from the fleet's address record, so that containers
 * Docker puts on weft get addresses unique across the fleet and never those weft gave others.
 * Docker asks for an address before it says which container it is for, and gives it back by
 * address alone: the record holds them for this host's Docker networks ({@link
 * Owner#DOCKER_NETWORKS}) until Docker releases them.
 */
final class IpamDriver {

  static final String ADDRESS_SPACE = PluginContract.ADDRESS_SPACE;
  private static final String POOL_PREFIX = "weft:";
  private static final String GATEWAY_OPTION = "com.docker.network.gateway";
  private static final String REQUEST_TYPE = "RequestAddressType";

  private final AddressBook book;
  private final DockerPools pools;
  private final DockerEndpoints endpoints;
  private final Predicate<String> endpointExists;
  private final Owner owner;

  /** @param endpointExists whether a Docker endpoint's veth is on this host */
  IpamDriver(AddressBook book, DockerPools pools, DockerEndpoints endpoints, Predicate<String> endpointExists,
      String host) {
    this.book = book;
    this.pools = pools;
    this.endpoints = endpoints;
    this.endpointExists = endpointExists;
    this.owner = Owner.dockerNetworksOf(host);
  }

  Map<String, PluginCall> calls() {
    return Map.of(
        "/IpamDriver.GetCapabilities", request -> PluginAnswer.of(new JsonObject().put("RequiresMACAddress", false)),
        "/IpamDriver.GetDefaultAddressSpaces", request -> PluginAnswer.of(new JsonObject()
            .put("LocalDefaultAddressSpace", ADDRESS_SPACE).put("GlobalDefaultAddressSpace", ADDRESS_SPACE)),
        "/IpamDriver.RequestPool", this::requestPool,
        "/IpamDriver.ReleasePool", this::releasePool,
        "/IpamDriver.RequestAddress", this::requestAddress,
        "/IpamDriver.ReleaseAddress", this::releaseAddress);
  }

  /** Whether a network's pool is weft's: Docker names the address space weft's driver gave it. */
  static boolean isWefts(String addressSpace) {
    return ADDRESS_SPACE.equals(addressSpace);
  }

  private PluginAnswer requestPool(JsonObject request) {
    if (request.getBoolean("V6", false)) {
      throw new WeftException(ErrorCode.BAD_CIDR, "weft networks are IPv4 only");
    }
    JsonObject options = PluginRequests.object(request, "Options");
    if (!options.isEmpty()) {
      throw new WeftException(ErrorCode.BAD_REQUEST, "weft's IPAM takes no options (--ipam-opt "
          + String.join(", ", options.fieldNames()) + ")");
    }
    String pool = PluginRequests.text(request, "Pool");
    String subPool = PluginRequests.text(request, "SubPool");
    if (subPool != null && !subPool.isBlank() && !subPool.equals(pool)) {
      throw new WeftException(ErrorCode.BAD_CIDR, "weft hands out the whole subnet: --ip-range is not supported");
    }
    Cidr subnet = pools.take(pool);
    Runnable undo = () -> pools.release(subnet);
    return new PluginAnswer(new JsonObject().put("PoolID", POOL_PREFIX + subnet).put("Pool", subnet.toString())
        // the gateway Docker would otherwise ask weft for: containers on weft have no gateway on it
        .put("Data", new JsonObject().put(GATEWAY_OPTION, subnet.toString())), undo);
  }

  private PluginAnswer releasePool(JsonObject request) {
    pools.release(poolOf(request));
    return PluginAnswer.empty();
  }

  private PluginAnswer requestAddress(JsonObject request) {
    Cidr pool = poolOf(request);
    JsonObject options = PluginRequests.object(request, "Options");
    if (GATEWAY_OPTION.equals(options.getString(REQUEST_TYPE))) {
      return PluginAnswer.of(new JsonObject().put("Address", pool.toString()));
    }
    String asked = PluginRequests.text(request, "Address");
    Cidr address;
    if (asked == null || asked.isBlank()) {
      address = allocate(pool);
    } else {
      address = new Cidr(Ipv4.parse(asked), pool.prefixLength());
      if (!pool.contains(address.address())) {
        throw new WeftException(ErrorCode.BAD_CIDR, asked + " is outside the network's subnet " + pool);
      }
      address.requireHostAddress();
      claim(address);
    }
    Cidr granted = address;
    return new PluginAnswer(new JsonObject().put("Address", granted.toString()), () -> {
      book.release(List.of(granted), owner);
      endpoints.gaveBack(granted.address().toString());
    });
  }

  /** A free address of {@code pool}, recorded as given before {@link #releaseUnused} can see it. */
  private synchronized Cidr allocate(Cidr pool) {
    Cidr address = book.allocateWithin(pool, owner);
    endpoints.given(address.address().toString());
    return address;
  }

  /**
   * All Docker's addresses here have one holder in the record, so a second ask for one is
   * answered here: refused while an endpoint of Docker's has it, taken over when none has (Docker
   * could not give it back: the host crashed, say, and its container starts again).
   */
  private synchronized void claim(Cidr address) {
    String ip = address.address().toString();
    boolean ours = book.heldBy(owner).stream().anyMatch(held -> held.address().equals(address.address()));
    if (ours && endpoints.inUse(ip, endpointExists)) {
      throw new WeftException(ErrorCode.ADDRESS_IN_USE, ip + " is in use by another container on this host");
    }
    if (!ours) {
      book.claim(List.of(address), owner);
    }
    endpoints.given(ip);
  }

  /**
   * Gives back the addresses no endpoint of Docker's has, and that Docker did not ask for lately:
   * those Docker could not give back (no agent served, or the host crashed).
   *
   * @return those given back
   */
  synchronized List<Cidr> releaseUnused() {
    List<Cidr> unused = book.heldBy(owner).stream()
        .filter(held -> !endpoints.inUse(held.address().toString(), endpointExists)).toList();
    if (!unused.isEmpty()) {
      book.release(unused, owner);
      unused.forEach(cidr -> endpoints.gaveBack(cidr.address().toString()));
    }
    return unused;
  }

  private PluginAnswer releaseAddress(JsonObject request) {
    Cidr pool = poolOf(request);
    String address = PluginRequests.text(request, "Address");
    if (address == null) {
      throw new WeftException(ErrorCode.BAD_REQUEST, "ReleaseAddress names no address");
    }
    Ipv4 ip = Ipv4.parse(address.contains("/") ? address.substring(0, address.indexOf('/')) : address);
    if (!ip.equals(pool.network())) { // the gateway weft named, which no one holds
      book.release(List.of(new Cidr(ip, pool.prefixLength())), owner);
      endpoints.gaveBack(ip.toString());
    }
    return PluginAnswer.empty();
  }

  private static Cidr poolOf(JsonObject request) {
    String id = PluginRequests.text(request, "PoolID");
    if (id == null || !id.startsWith(POOL_PREFIX)) {
      throw new WeftException(ErrorCode.BAD_REQUEST, "no pool of weft's is called " + id);
    }
    return Cidr.parse(id.substring(POOL_PREFIX.length()));
  }
}
