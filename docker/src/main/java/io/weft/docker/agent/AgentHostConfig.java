package io.weft.docker.agent;

import com.github.dockerjava.api.model.Bind;
import com.github.dockerjava.api.model.Capability;
import com.github.dockerjava.api.model.HostConfig;
import com.github.dockerjava.api.model.Volume;
import java.util.List;

/**
 * What the agent's containers, long-running and one-shot alike, get from their host: its network
 * and pid namespaces, the capabilities the work needs named one by one (never --privileged), and
 * the host's Docker socket.
 */
final class AgentHostConfig {

  /** The capabilities, one by one. */
  static final List<Capability> CAPABILITIES = List.of(
      Capability.NET_ADMIN,   // links, addresses, routes, neighbours through rtnetlink
      Capability.SYS_ADMIN,   // setns() into a container's network namespace
      Capability.SYS_PTRACE); // open another process's /proc/PID/ns/net
  static final String DOCKER_SOCKET = "/var/run/docker.sock";
  /** The label that tells weft's containers apart: {@code agent} or {@code local}. */
  static final String ROLE_LABEL = "io.weft.role";

  private AgentHostConfig() {}

  /** The host's namespaces, the capabilities and the socket, plus {@code moreBinds}. */
  static HostConfig onHost(Bind... moreBinds) {
    Bind[] binds = new Bind[moreBinds.length + 1];
    binds[0] = new Bind(DOCKER_SOCKET, new Volume(DOCKER_SOCKET));
    System.arraycopy(moreBinds, 0, binds, 1, moreBinds.length);
    return HostConfig.newHostConfig()
        .withNetworkMode("host")
        .withPidMode("host")
        .withCapAdd(CAPABILITIES.toArray(Capability[]::new))
        .withBinds(binds);
  }
}
