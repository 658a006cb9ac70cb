package io.weft.agent.hazelcast;

import com.hazelcast.cluster.Address;
import com.hazelcast.config.Config;
import com.hazelcast.core.HazelcastInstance;
import com.hazelcast.instance.EndpointQualifier;
import com.hazelcast.instance.impl.DefaultNodeContext;
import com.hazelcast.instance.impl.DefaultNodeExtension;
import com.hazelcast.instance.impl.HazelcastInstanceFactory;
import com.hazelcast.instance.impl.Node;
import com.hazelcast.instance.impl.NodeExtension;
import com.hazelcast.internal.networking.ChannelInitializer;
import com.hazelcast.internal.server.ServerContext;
import java.time.Duration;
import java.util.function.Consumer;
import java.util.function.Function;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;

/**
 * A Hazelcast member whose member connections are all mutual TLS, the one door through which
 * weft reaches Hazelcast's internals. Hazelcast's open-source edition refuses its own TLS
 * settings, but builds every connection's pipeline through its node extension; a node context
 * of ours hands it an extension whose channel initializers put {@link TlsChannels}' handlers
 * around Hazelcast's own. {@code TlsMemberTest} fails if Hazelcast's networking changes under it.
 */
public final class TlsMember {

  private final HazelcastInstance instance;
  private final TlsChannels channels;

  private TlsMember(HazelcastInstance instance, TlsChannels channels) {
    this.instance = instance;
    this.channels = channels;
  }

  /**
   * Starts a member (and joins, as {@code config}'s network says) whose member connections
   * speak mutual TLS 1.3 with {@code context}'s key and trust; a peer that has not finished its
   * handshake within {@code handshakeBound} is dropped.
   *
   * @param instanceName the name Hazelcast gives the instance and puts in its threads' names
   */
  public static TlsMember start(Config config, String instanceName, SSLContext context,
      Duration handshakeBound) {
    return start(config, instanceName, context, handshakeBound, engine -> { });
  }

  /** As above, telling {@code engines} of every TLS engine made, for tests. */
  static TlsMember start(Config config, String instanceName, SSLContext context,
      Duration handshakeBound, Consumer<SSLEngine> engines) {
    TlsNodeContext nodeContext = new TlsNodeContext(context, handshakeBound, engines);
    HazelcastInstance instance = HazelcastInstanceFactory.newHazelcastInstance(config,
        instanceName, nodeContext);
    return new TlsMember(instance, nodeContext.channels);
  }

  public HazelcastInstance instance() {
    return instance;
  }

  /** Member connections refused at the TLS handshake, or dropped for not finishing it. */
  public long refusedConnections() {
    return channels == null ? 0 : channels.refused();
  }

  /** Hands Hazelcast the extension that makes its channels TLS. */
  private static final class TlsNodeContext extends DefaultNodeContext {
    private final SSLContext context;
    private final Duration handshakeBound;
    private final Consumer<SSLEngine> engines;
    private volatile TlsChannels channels;

    TlsNodeContext(SSLContext context, Duration handshakeBound, Consumer<SSLEngine> engines) {
      this.context = context;
      this.handshakeBound = handshakeBound;
      this.engines = engines;
    }

    @Override
    public NodeExtension createNodeExtension(Node node) {
      return new DefaultNodeExtension(node) {
        @Override
        public Function<EndpointQualifier, ChannelInitializer> createChannelInitializerFn(
            ServerContext serverContext) {
          channels = new TlsChannels(super.createChannelInitializerFn(serverContext), context,
              handshakeBound, channel -> {
                Address peer = (Address) channel.attributeMap().get(Address.class);
                if (peer != null) {
                  serverContext.onFailedConnection(peer);
                }
              }, engines);
          return channels;
        }
      };
    }
  }
}
