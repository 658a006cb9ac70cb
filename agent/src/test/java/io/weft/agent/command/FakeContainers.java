package io.weft.agent.command;

import io.weft.common.ErrorCode;
import io.weft.common.WeftException;
import io.weft.docker.engine.ContainerInfo;
import io.weft.docker.engine.Containers;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/** A Docker engine's containers in memory, found by id or name. */
public final class FakeContainers implements Containers {

  private final Map<String, ContainerInfo> byId = new LinkedHashMap<>();

  /** A running container with its own network namespace; its id is its name, spelled long. */
  public ContainerInfo running(String name, int pid) {
    return running(name, pid, Map.of());
  }

  /** A running container with endpoints on Docker's networks, by network name. */
  public ContainerInfo running(String name, int pid, Map<String, ContainerInfo.NetworkEndpoint> networks) {
    ContainerInfo info = new ContainerInfo(idOf(name), name, true, pid, "none", Map.of(), networks);
    byId.put(info.id(), info);
    return info;
  }

  public ContainerInfo stopped(String name) {
    ContainerInfo info = new ContainerInfo(idOf(name), name, false, 0, "none", Map.of(), Map.of());
    byId.put(info.id(), info);
    return info;
  }

  /** The container is removed: the engine knows it no more. */
  public void removed(String name) {
    byId.remove(idOf(name));
  }

  public static String idOf(String name) {
    return (name + "0000000000000000000000000000000000000000000000000000000000000000").substring(0, 64);
  }

  @Override
  public ContainerInfo inspect(String nameOrId) {
    for (ContainerInfo info : byId.values()) {
      if (info.id().equals(nameOrId) || info.name().equals(nameOrId)) {
        return info;
      }
    }
    throw new WeftException(ErrorCode.NO_SUCH_CONTAINER, "no container '" + nameOrId + "'");
  }

  @Override
  public Set<String> existingIds() {
    Set<String> ids = Set.copyOf(byId.keySet());
    Runnable then = afterExistingRead;
    afterExistingRead = () -> {};
    then.run();
    return ids;
  }

  /** Runs {@code then} once, right after the next {@link #existingIds()} has read the engine's list. */
  public void afterExistingRead(Runnable then) {
    afterExistingRead = then;
  }

  private Runnable afterExistingRead = () -> {};

  /** The weft-driver networks the engine has. */
  Set<String> weftNetworks = Set.of("weft");

  @Override
  public Set<String> networksOfDriver(String driver) {
    return driver.equals("weft") ? weftNetworks : Set.of();
  }

  @Override
  public Map<Integer, ContainerInfo> runningByPid() {
    Map<Integer, ContainerInfo> running = new HashMap<>();
    byId.values().stream().filter(ContainerInfo::running).forEach(c -> running.put(c.pid(), c));
    return running;
  }
}
