package io.weft.docker.agent;

import com.github.dockerjava.api.model.Bind;
import com.github.dockerjava.api.model.Capability;
import com.github.dockerjava.api.model.HostConfig;
import com.github.dockerjava.api.model.Volume;
import io.weft.common.agent.AgentApiContract;
import java.util.List;
import java.util.Map;

/**
 * What the agent's containers, long-running and one-shot alike, get from their host: its network
 * and pid namespaces, the host's Docker socket, and of the privileges a container may have, only
 * those the work needs: every capability dropped and the four it uses added back one by one
 * (never --privileged), no-new-privileges, and a read-only root file system with a small tmpfs
 * at /tmp (the JVM's and Vert.x's scratch files, and jffi's native stub, which must be
 * executable there) and one, root's alone, for the API's socket.
 */
final class AgentHostConfig {

  /** The capabilities, one by one. */
  static final List<Capability> CAPABILITIES = List.of(
      Capability.NET_ADMIN,   // links, addresses, routes, neighbours through rtnetlink
      Capability.SYS_ADMIN,   // setns() into a container's network namespace
      Capability.SYS_PTRACE,  // open another process's /proc/PID/ns/net
      Capability.NET_BIND_SERVICE); // weft's DNS on port 53
  static final String DOCKER_SOCKET = "/var/run/docker.sock";
  static final String NO_NEW_PRIVILEGES = "no-new-privileges:true";
  /**
   * /tmp exec: Docker mounts a tmpfs noexec unless told, and jffi maps its native stub from there.
   * The API's socket folder: root's alone (0700), so no user of the host, nor any process of
   * another user in the container, reaches the API.
   */
  static final Map<String, String> TMPFS = Map.of(
      "/tmp", "rw,exec,nosuid,nodev,size=32m",
      AgentApiContract.SOCKET_DIR, "rw,noexec,nosuid,nodev,size=1m,mode=0700");
  /** The label that tells weft's containers apart: {@code agent} or {@code local}. */
  static final String ROLE_LABEL = "io.weft.role";

  private AgentHostConfig() {}

  /** The host's namespaces, the capabilities, the socket and the limits, plus {@code moreBinds}. */
  static HostConfig onHost(Bind... moreBinds) {
    Bind[] binds = new Bind[moreBinds.length + 1];
    binds[0] = new Bind(DOCKER_SOCKET, new Volume(DOCKER_SOCKET));
    System.arraycopy(moreBinds, 0, binds, 1, moreBinds.length);
    return HostConfig.newHostConfig()
        .withNetworkMode("host")
        .withPidMode("host")
        .withCapDrop(Capability.ALL)
        .withCapAdd(CAPABILITIES.toArray(Capability[]::new))
        .withSecurityOpts(List.of(NO_NEW_PRIVILEGES))
        .withReadonlyRootfs(true)
        .withTmpFs(TMPFS)
        .withBinds(binds);
  }
}
