package io.weft.agent.plugin;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.weft.agent.state.StateFiles;
import io.weft.common.ErrorCode;
import io.weft.common.WeftException;
import io.weft.common.alloc.AddressRange;
import io.weft.common.net.Cidr;
import java.nio.file.Path;
import java.util.Collection;
import java.util.TreeSet;

/**
 * The subnets of this host's Docker networks on weft, each a part of the range of its own, kept
 * in the state volume so that a network made before the agent restarted still keeps the next
 * one off its addresses. The network over the whole range ({@code weft}) shares it with them:
 * any number of networks may be made over the whole range.
 */
final class DockerPools {

  static final String FILE = "docker-pools.json";

  private final Path file;
  private final AddressRange range;
  private final TreeSet<String> subnets = new TreeSet<>();

  DockerPools(Path stateDir, AddressRange range) {
    this.file = stateDir.resolve(FILE);
    this.range = range;
    StateFiles.readJson(file).getJsonArray("subnets", new JsonArray())
        .forEach(subnet -> subnets.add(String.valueOf(subnet)));
  }

  /**
   * Takes {@code subnet} (the whole range when null) for a new network; refuses a subnet outside
   * the range or overlapping another network's. Returns the subnet taken.
   */
  synchronized Cidr take(String requested) {
    if (requested == null || requested.isBlank()) {
      return range.subnet();
    }
    Cidr subnet = Cidr.parse(requested);
    if (!subnet.equals(subnet.subnet())) {
      throw new WeftException(ErrorCode.BAD_CIDR, "the subnet " + subnet + " has host bits set; its network is "
          + subnet.subnet());
    }
    if (subnet.equals(range.subnet())) {
      return subnet;
    }
    if (!range.subnet().contains(subnet.network()) || subnet.prefixLength() < range.subnet().prefixLength()) {
      throw new WeftException(ErrorCode.BAD_CIDR, "the subnet " + subnet + " is not within weft's range "
          + range + " (give a subnet of it, or none for the whole range)");
    }
    if (subnet.prefixLength() > 30) {
      throw new WeftException(ErrorCode.BAD_CIDR, "the subnet " + subnet + " holds no addresses for containers");
    }
    for (String taken : subnets) {
      if (Cidr.parse(taken).overlaps(subnet)) {
        throw new WeftException(ErrorCode.BAD_CIDR, "the subnet " + subnet + " overlaps " + taken
            + ", another weft network's on this host");
      }
    }
    subnets.add(subnet.toString());
    save();
    return subnet;
  }

  /** Gives a network's subnet back; the whole range is never taken. */
  synchronized void release(Cidr subnet) {
    if (subnets.remove(subnet.toString())) {
      save();
    }
  }

  /** Keeps only the subnets of networks the engine has: those removed while no agent served go. */
  synchronized void keepOnly(Collection<String> existing) {
    if (subnets.retainAll(existing)) {
      save();
    }
  }

  synchronized java.util.List<String> subnets() {
    return java.util.List.copyOf(subnets);
  }

  private void save() {
    StateFiles.write(file, new JsonObject().put("subnets", new JsonArray(java.util.List.copyOf(subnets))).encodePrettily());
  }
}
