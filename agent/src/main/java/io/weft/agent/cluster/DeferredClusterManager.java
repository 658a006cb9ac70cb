package io.weft.agent.cluster;

import io.vertx.core.Completable;
import io.vertx.core.Vertx;
import io.vertx.core.shareddata.AsyncMap;
import io.vertx.core.shareddata.Counter;
import io.vertx.core.shareddata.Lock;
import io.vertx.core.spi.cluster.ClusterManager;
import io.vertx.core.spi.cluster.NodeInfo;
import io.vertx.core.spi.cluster.NodeListener;
import io.vertx.core.spi.cluster.RegistrationInfo;
import io.vertx.core.spi.cluster.RegistrationListener;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;

/**
 * A cluster manager that Vert.x can be built with before the real one exists: Vert.x sets itself
 * up (event loops, its own classes) while Hazelcast starts on another thread, and its join waits
 * for the member. On two cores the two starts overlap instead of running one after the other.
 * Everything after the join goes to the real manager; the listeners Vert.x hands over before it
 * are passed on when it comes.
 */
final class DeferredClusterManager implements ClusterManager {

  private final CompletableFuture<ClusterManager> real;
  private volatile ClusterManager delegate;
  private Vertx vertx;
  private NodeListener nodeListener;
  private RegistrationListener registrationListener;

  /** @param real completes with the manager once Hazelcast has started, or fails (a refusal) */
  DeferredClusterManager(CompletableFuture<ClusterManager> real) {
    this.real = real;
  }

  @Override
  public synchronized void init(Vertx vertx) {
    this.vertx = vertx;
  }

  @Override
  public synchronized void nodeListener(NodeListener listener) {
    nodeListener = listener;
    if (delegate != null) {
      delegate.nodeListener(listener);
    }
  }

  @Override
  public synchronized void registrationListener(RegistrationListener listener) {
    registrationListener = listener;
    if (delegate != null) {
      delegate.registrationListener(listener);
    }
  }

  @Override
  public void join(Completable<Void> promise) {
    real.whenComplete((manager, failure) -> {
      if (failure != null) {
        promise.fail(failure instanceof CompletionException c && c.getCause() != null ? c.getCause() : failure);
        return;
      }
      synchronized (this) {
        manager.init(vertx);
        if (nodeListener != null) {
          manager.nodeListener(nodeListener);
        }
        if (registrationListener != null) {
          manager.registrationListener(registrationListener);
        }
        delegate = manager;
      }
      manager.join(promise);
    });
  }

  /** The real manager; before the join has it, waits for it. */
  private ClusterManager real() {
    ClusterManager d = delegate;
    return d != null ? d : real.join();
  }

  @Override
  public <K, V> void getAsyncMap(String name, Completable<AsyncMap<K, V>> promise) {
    real().getAsyncMap(name, promise);
  }

  @Override
  public <K, V> Map<K, V> getSyncMap(String name) {
    return real().getSyncMap(name);
  }

  @Override
  public void getLockWithTimeout(String name, long timeout, Completable<Lock> promise) {
    real().getLockWithTimeout(name, timeout, promise);
  }

  @Override
  public void getCounter(String name, Completable<Counter> promise) {
    real().getCounter(name, promise);
  }

  @Override
  public String getNodeId() {
    return real().getNodeId();
  }

  @Override
  public List<String> getNodes() {
    return real().getNodes();
  }

  @Override
  public void setNodeInfo(NodeInfo nodeInfo, Completable<Void> promise) {
    real().setNodeInfo(nodeInfo, promise);
  }

  @Override
  public NodeInfo getNodeInfo() {
    return real().getNodeInfo();
  }

  @Override
  public void getNodeInfo(String nodeId, Completable<NodeInfo> promise) {
    real().getNodeInfo(nodeId, promise);
  }

  @Override
  public void leave(Completable<Void> promise) {
    ClusterManager d = delegate;
    if (d == null) {
      promise.succeed();
    } else {
      d.leave(promise);
    }
  }

  @Override
  public boolean isActive() {
    ClusterManager d = delegate;
    return d != null && d.isActive();
  }

  @Override
  public void addRegistration(String address, RegistrationInfo registrationInfo, Completable<Void> promise) {
    real().addRegistration(address, registrationInfo, promise);
  }

  @Override
  public void removeRegistration(String address, RegistrationInfo registrationInfo, Completable<Void> promise) {
    real().removeRegistration(address, registrationInfo, promise);
  }

  @Override
  public void getRegistrations(String address, Completable<List<RegistrationInfo>> promise) {
    real().getRegistrations(address, promise);
  }

  @Override
  public String clusterHost() {
    ClusterManager d = delegate;
    return d == null ? null : d.clusterHost();
  }

  @Override
  public String clusterPublicHost() {
    ClusterManager d = delegate;
    return d == null ? null : d.clusterPublicHost();
  }
}
