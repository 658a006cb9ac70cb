package io.weft.agent.host;

import java.util.OptionalInt;

/** weft's names on a host, Weave's where Weave had one. */
public final class WeftInterfaces {

  /** The bridge every container's veth and the VXLAN device hang from. */
  public static final String BRIDGE = "weft";
  /** The VXLAN device on the bridge that carries frames to the other hosts. */
  public static final String VXLAN = "vxlan-weft";
  /** The container's end of its veth. */
  public static final String CONTAINER_INTERFACE = "ethwe";
  /** VXLAN adds 50 bytes to every frame; leave room on a 1500-byte underlay. */
  public static final int MTU = 1450;

  private static final String HOST_END_PREFIX = "vethwepl";
  // A Docker endpoint's pair (the network plugin's), named by its endpoint id: Docker moves the
  // peer into the container and names it ethwe0.
  private static final String ENDPOINT_HOST_PREFIX = "vethwdl";
  private static final String ENDPOINT_PEER_PREFIX = "vethwdg";
  private static final int ENDPOINT_ID_CHARS = 8; // IFNAMSIZ 16: 7 + 8 + the terminating nul
  /** The prefix Docker names a weft network's interface in a container from (its DstPrefix). */
  public static final String DOCKER_PREFIX = "ethwe";

  private WeftInterfaces() {}

  /** The host end of a container's veth, named by the container's pid as Weave named it. */
  public static String hostEnd(int pid) {
    return HOST_END_PREFIX + pid;
  }

  /** The host end of a Docker endpoint's veth, named by the endpoint's id. */
  public static String endpointHostEnd(String endpointId) {
    return ENDPOINT_HOST_PREFIX + endpointId.substring(0, ENDPOINT_ID_CHARS);
  }

  /** The end Docker moves into the container. */
  public static String endpointPeerEnd(String endpointId) {
    return ENDPOINT_PEER_PREFIX + endpointId.substring(0, ENDPOINT_ID_CHARS);
  }

  /** The name Docker gives a weft network's interface in a container: ethwe0, ethwe1, ... */
  public static boolean isDockerContainerEnd(String linkName) {
    return linkName.matches(DOCKER_PREFIX + "[0-9]+");
  }

  public static boolean isEndpointHostEnd(String linkName) {
    return linkName.startsWith(ENDPOINT_HOST_PREFIX);
  }

  /** The other end of an endpoint's pair, named from its host end's name. */
  public static String endpointPeerOf(String hostEnd) {
    return ENDPOINT_PEER_PREFIX + hostEnd.substring(ENDPOINT_HOST_PREFIX.length());
  }

  /** The pid in a host end's name, when the name is one of weft's. */
  public static OptionalInt pidOfHostEnd(String linkName) {
    if (linkName.startsWith(HOST_END_PREFIX)) {
      String digits = linkName.substring(HOST_END_PREFIX.length());
      if (digits.matches("[1-9][0-9]{0,6}")) {
        return OptionalInt.of(Integer.parseInt(digits));
      }
    }
    return OptionalInt.empty();
  }
}
