package io.weft.docker.agent;

import com.github.dockerjava.api.DockerClient;
import io.vertx.core.json.JsonObject;
import io.weft.common.ErrorCode;
import io.weft.common.WeftException;
import io.weft.common.agent.AgentState;
import io.weft.common.net.PeerName;
import io.weft.common.process.ProcessResult;
import java.util.List;

/**
 * The running agent's peers, through the Docker API alone: the peer table it keeps in its state
 * volume, and its connect list there, which it reads again every second.
 */
public final class AgentPeers {

  private static final String CONNECT_PATH = AgentState.path(AgentState.CONNECT_FILE);
  private static final int ABSENT = 3;

  private final AgentExec exec;

  public AgentPeers(DockerClient docker) {
    this.exec = new AgentExec(docker);
  }

  /**
   * The peer table: {@code {"host": NAME, "peers": [{name, address, vtep: {mac, vni, port},
   * version, since, health, member}]}}.
   */
  public JsonObject view() {
    return new JsonObject(exec.readStateFile(AgentState.VIEW_FILE));
  }

  /**
   * The data plane as the agent last found it: {@code {"host", "implementation", "reason",
   * "encrypt", "mtu", "hosts": [{name, address, path, via, encrypted, heard, agent}]}}; empty
   * from an agent older than it.
   */
  public JsonObject wireView() {
    ProcessResult r = exec.run(List.of("cat", AgentState.path(AgentState.WIRE_VIEW_FILE)));
    return r.exitCode() == 0 && !r.stdout().isBlank() ? new JsonObject(r.stdout()) : new JsonObject();
  }

  /** Adds {@code peer} to the connect list; false when it was on it already. */
  public boolean connect(String peer) {
    PeerName.check(peer);
    // the peer travels as an argument, never inside the script
    return edit(peer, "grep -qxF -- \"$1\" " + CONNECT_PATH + " 2>/dev/null && exit " + ABSENT
        + "; printf '%s\\n' \"$1\" >> " + CONNECT_PATH);
  }

  /** Takes {@code peer} off the connect list; false when it was not on it. */
  public boolean forget(String peer) {
    PeerName.check(peer);
    return edit(peer, "grep -qxF -- \"$1\" " + CONNECT_PATH + " 2>/dev/null || exit " + ABSENT
        + "; grep -vxF -- \"$1\" " + CONNECT_PATH + " > " + CONNECT_PATH + ".new; mv "
        + CONNECT_PATH + ".new " + CONNECT_PATH);
  }

  private boolean edit(String peer, String script) {
    ProcessResult r = exec.run(List.of("sh", "-c", script, "sh", peer));
    if (r.exitCode() == ABSENT) {
      return false;
    }
    if (r.exitCode() != 0) {
      throw new WeftException(ErrorCode.AGENT_FAILED,
          "could not change the agent's connect list: " + r.stderr().strip());
    }
    return true;
  }
}
