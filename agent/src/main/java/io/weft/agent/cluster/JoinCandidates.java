package io.weft.agent.cluster;

import com.hazelcast.core.HazelcastInstance;
import com.hazelcast.replicatedmap.ReplicatedMap;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.weft.agent.state.StateFiles;
import io.weft.common.WeftException;
import io.weft.common.agent.AgentState;
import java.nio.file.Path;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import java.util.function.Consumer;
import java.util.logging.Logger;

/**
 * The addresses Hazelcast tries to join (and, after a split, to merge with): the peers given at
 * launch, those added by {@code weft connect} (the {@link AgentState#CONNECT_FILE} file in the
 * state volume, one per line), and every peer seen so far (persisted in {@link
 * AgentState#SEEN_FILE}, so a restarted agent finds its fleet again).
 *
 * <p>Hazelcast 5.3 reads its TCP-IP member list afresh at every join and split-brain search, so
 * changing the live list is how a running agent learns new peers; the list goes to the cluster
 * node ({@link ClusterNode#setJoinCandidates}). Only the cluster's master searches, so connected
 * peers are also shared in the map {@value #SHARED_MAP} and every agent adds those to its own
 * list.
 */
public final class JoinCandidates {

  static final String SHARED_MAP = "weft.connect";
  private static final Logger LOG = Logger.getLogger(JoinCandidates.class.getName());

  private final String self;
  private final Set<String> launchPeers;
  private final Path connectFile;
  private final Path seenFile;
  private final Set<String> seen = ConcurrentHashMap.newKeySet();
  private final Map<String, String> addressByHost = new ConcurrentHashMap<>();
  private volatile Set<String> connected = Set.of();
  private volatile String connectText = "";
  private Consumer<Collection<String>> joinList;
  private ReplicatedMap<String, String> shared;

  /** @param launchPeers the launch's peers, resolved to addresses */
  public JoinCandidates(String self, Collection<String> launchPeers, Path stateDir) {
    this.self = self;
    this.launchPeers = Set.copyOf(launchPeers);
    this.connectFile = stateDir.resolve(AgentState.CONNECT_FILE);
    this.seenFile = stateDir.resolve(AgentState.SEEN_FILE);
    JsonObject saved = StateFiles.readJson(seenFile);
    Object list = saved.getValue("seen");
    if (list instanceof JsonArray addresses) {
      addresses.forEach(a -> {
        if (a instanceof String address) {
          seen.add(address);
        }
      });
    }
  }

  /** Whether this host has ever had another member in its cluster: a fleet of one has not. */
  public boolean hasSeenPeers() {
    return !seen.isEmpty();
  }

  /** Every address to try at start-up, this host's own left out. */
  public List<String> initial() {
    readConnectFile();
    return List.copyOf(union(List.of()));
  }

  /**
   * From now on, keep the running node's list current; {@code worker} does the follow-up.
   *
   * @param joinList takes the whole list after every change
   */
  public void follow(HazelcastInstance hazelcast, Consumer<Collection<String>> joinList, Executor worker) {
    this.joinList = joinList;
    shared = hazelcast.getReplicatedMap(SHARED_MAP);
    shared.addEntryListener(new MapChanges<>(() -> worker.execute(this::apply)));
    connected.forEach(a -> shared.put(a, self));
    apply();
  }

  /** After a merge: this host's connect targets go back into the shared map, which dropped them. */
  public void republish() {
    if (shared != null) {
      connected.forEach(a -> shared.put(a, self));
      apply();
    }
  }

  /** Called with the peer map after every change: remembers every address seen. */
  public void peersChanged(List<PeerRecord> peers) {
    boolean grew = false;
    for (PeerRecord p : peers) {
      grew |= !p.address().equals(self) && seen.add(p.address());
      addressByHost.put(p.name(), p.address());
    }
    if (grew) {
      saveSeen();
      apply();
    }
  }

  /** Stops looking for {@code host}, removed from the fleet with rmpeer; true when it was looked for. */
  public boolean forgetHost(String host) {
    String address = addressByHost.remove(host);
    if (address == null || !seen.remove(address)) {
      return false;
    }
    saveSeen();
    apply();
    LOG.info("forgot " + host + " at " + address + ": it was removed from the fleet");
    return true;
  }

  /** Reads the connect file again; applies what {@code weft connect}/{@code forget} changed. */
  public void pollConnectFile() {
    Set<String> before = connected;
    if (!readConnectFile()) {
      return;
    }
    for (String added : connected) {
      if (!before.contains(added)) {
        shared.put(added, self);
        LOG.info("connecting to " + added);
      }
    }
    for (String gone : before) {
      if (!connected.contains(gone)) {
        shared.remove(gone);
        if (seen.remove(gone)) {
          saveSeen();
        }
        LOG.info("forgot " + gone);
      }
    }
    apply();
  }

  /** True when the file changed since the last read. */
  private boolean readConnectFile() {
    String text = StateFiles.read(connectFile);
    if (text.equals(connectText)) {
      return false;
    }
    connectText = text;
    Set<String> addresses = new LinkedHashSet<>();
    for (String line : text.split("\n")) {
      String peer = line.strip();
      if (!peer.isEmpty()) {
        try {
          addresses.add(PeerNames.resolve(peer));
        } catch (WeftException e) {
          LOG.warning(e.getMessage());
        }
      }
    }
    connected = Set.copyOf(addresses);
    return true;
  }

  private void apply() {
    if (joinList != null) {
      joinList.accept(List.copyOf(union(shared.keySet())));
    }
  }

  private Set<String> union(Collection<String> sharedTargets) {
    Set<String> all = new TreeSet<>(launchPeers);
    all.addAll(connected);
    all.addAll(sharedTargets);
    all.addAll(seen);
    all.remove(self);
    return all;
  }

  private void saveSeen() {
    StateFiles.write(seenFile, new JsonObject()
        .put("seen", new JsonArray(List.copyOf(new TreeSet<>(seen)))).encodePrettily() + "\n");
  }
}
