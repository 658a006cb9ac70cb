package io.weft.agent.hazelcast;

import com.hazelcast.cluster.Address;
import com.hazelcast.cluster.Member;
import com.hazelcast.config.Config;
import com.hazelcast.core.HazelcastInstance;
import com.hazelcast.instance.AddressPicker;
import com.hazelcast.instance.EndpointQualifier;
import com.hazelcast.instance.impl.DefaultNodeContext;
import com.hazelcast.instance.impl.DefaultNodeExtension;
import com.hazelcast.instance.impl.HazelcastInstanceFactory;
import com.hazelcast.instance.impl.Node;
import com.hazelcast.instance.impl.NodeExtension;
import com.hazelcast.internal.networking.Channel;
import com.hazelcast.internal.networking.ChannelInitializer;
import com.hazelcast.internal.nio.ConnectionListener;
import com.hazelcast.internal.server.ServerConnection;
import com.hazelcast.internal.server.ServerConnectionManager;
import com.hazelcast.internal.server.ServerContext;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.nio.channels.ServerSocketChannel;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.IntConsumer;
import java.util.logging.Logger;
import javax.net.ssl.SSLEngine;

/**
 * A Hazelcast member whose member connections are all mutual TLS, the one door through which
 * weft reaches Hazelcast's internals. Hazelcast's open-source edition refuses its own TLS
 * settings, but builds every connection's pipeline through its node extension; a node context
 * of ours hands it an extension whose channel initializers put {@link TlsChannels}' handlers
 * around Hazelcast's own. {@code TlsMemberTest} fails if Hazelcast's networking changes under it.
 */
public final class TlsMember {

  private static final Logger LOG = Logger.getLogger(TlsMember.class.getName());

  private static final long CONNECTED_POLL_MS = 20;
  /** One thread for every member of the JVM: a check lasts at most {@link GoneCheck#BOUND}. */
  private static final ExecutorService GONE_CHECKS = Executors.newSingleThreadExecutor(r -> {
    Thread t = new Thread(r, "weft-gone-checks");
    t.setDaemon(true);
    return t;
  });

  private final HazelcastInstance instance;
  private final TlsNodeContext nodeContext;

  private TlsMember(HazelcastInstance instance, TlsNodeContext nodeContext) {
    this.instance = instance;
    this.nodeContext = nodeContext;
  }

  /**
   * Starts a member (and joins, as {@code config}'s network says) whose member connections
   * speak mutual TLS 1.3 as {@code settings} say.
   *
   * @param instanceName the name Hazelcast gives the instance and puts in its threads' names
   */
  public static TlsMember start(Config config, String instanceName, TlsSettings settings) {
    return start(config, instanceName, settings, engine -> { }, port -> { });
  }

  /**
   * As above, telling {@code listening} of the port the member listens on as soon as it is bound,
   * before the member joins or any peer may connect: where the kernel picked it, the host's
   * advertised port is redirected there then (see {@code PortRedirects}).
   */
  public static TlsMember startTelling(Config config, String instanceName, TlsSettings settings,
      IntConsumer listening) {
    return start(config, instanceName, settings, engine -> { }, listening);
  }

  /** As above, telling {@code engines} of every TLS engine made, for tests. */
  static TlsMember start(Config config, String instanceName, TlsSettings settings,
      Consumer<SSLEngine> engines) {
    return start(config, instanceName, settings, engines, port -> { });
  }

  private static TlsMember start(Config config, String instanceName, TlsSettings settings,
      Consumer<SSLEngine> engines, IntConsumer listening) {
    TlsNodeContext nodeContext = new TlsNodeContext(settings, engines, listening);
    HazelcastInstance instance = HazelcastInstanceFactory.newHazelcastInstance(config,
        instanceName, nodeContext);
    connectToEveryMember(nodeContext.node);
    checkMembersWhoseConnectionsClose(nodeContext.node);
    return new TlsMember(instance, nodeContext);
  }

  /**
   * When a connection to a member closes and none is left, asks its host whether anything still
   * listens on its member port; a refusal means its agent is gone, and it is suspected at once
   * ({@link GoneCheck}). A dead agent's peers so drop it within a round trip or two, where
   * Hazelcast waited for more of its calls to fail.
   */
  private static void checkMembersWhoseConnectionsClose(Node node) {
    if (node == null) {
      return;
    }
    ServerConnectionManager connections = node.getServer().getConnectionManager(EndpointQualifier.MEMBER);
    connections.addConnectionListener(new ConnectionListener<>() {
      @Override
      public void connectionAdded(ServerConnection connection) { }

      @Override
      public void connectionRemoved(ServerConnection connection) {
        Address peer = connection.getRemoteAddress();
        if (peer != null) {
          GONE_CHECKS.execute(() -> suspectIfGone(node, connections, peer));
        }
      }
    });
  }

  /** The member at {@code peer} and its port, while it is another member of a running node. */
  private record Peer(Member member, InetSocketAddress port) {
    static Peer at(Node node, Address peer) {
      Member member = node.getClusterService().getMember(peer);
      if (member == null || member.localMember() || !node.isRunning()) {
        return null;
      }
      try {
        return new Peer(member, new InetSocketAddress(peer.getInetAddress(), peer.getPort()));
      } catch (UnknownHostException e) {
        return null;
      }
    }
  }

  private static void suspectIfGone(Node node, ServerConnectionManager connections, Address peer) {
    Peer at = Peer.at(node, peer);
    if (at == null) {
      return;
    }
    Member member = at.member();
    if (GoneCheck.probe(at.port(), GoneCheck.BOUND) != GoneCheck.Answer.REFUSED
        || connections.get(peer) != null || node.getClusterService().getMember(peer) == null) {
      return; // it listens, says nothing (the heartbeats judge it), is connected again or gone already
    }
    LOG.info("the agent of member " + peer + " is gone: its host refused a connection to its member port");
    node.getClusterService().suspectMember(member, "its host refused a connection to its member port", true);
  }

  /**
   * Opens this member's connections to every other member now, without waiting for them, as
   * Hazelcast does after a join before it sleeps a second at a time until they are up (weft
   * skips that wait). Left to the first message instead, a connection would still be in its TLS
   * handshake while the partitions move to this member, and Hazelcast drops a message whose
   * connection is not up within about 1.5 s: a move that never completes.
   */
  private static void connectToEveryMember(Node node) {
    if (node == null) {
      return;
    }
    ServerConnectionManager connections = node.getServer().getConnectionManager(EndpointQualifier.MEMBER);
    for (Member member : node.getClusterService().getMembers()) {
      if (!member.localMember()) {
        connections.getOrConnect(member.getAddress());
      }
    }
  }

  public HazelcastInstance instance() {
    return instance;
  }

  /**
   * Makes this member, started as a lite member (one that owns no partitions), a full one once its
   * connections to every other member are up, or once {@code bound} has passed. The partitions
   * move to a member as soon as it owns any, and Hazelcast drops a message whose connection is
   * not up within about 1.5 s: on a loaded host a new member's TLS handshakes with every peer
   * take longer than that, and a dropped move leaves its partition refusing writes for minutes.
   */
  public void ownPartitionsOnceConnected(Duration bound) throws InterruptedException {
    Node node = nodeContext.node;
    if (node == null || !instance.getCluster().getLocalMember().isLiteMember()) {
      return;
    }
    ServerConnectionManager connections = node.getServer().getConnectionManager(EndpointQualifier.MEMBER);
    long end = System.nanoTime() + bound.toNanos();
    while (!connectedToEveryMember(node, connections) && System.nanoTime() < end) {
      Thread.sleep(CONNECTED_POLL_MS);
    }
    promoteOnceAMasterIsKnown(node, bound);
  }

  /**
   * A member whose join was undone (the master dropped it while its connections were coming up:
   * the eleventh of twenty agents starting on two cores) knows no master until it has joined
   * again, and Hazelcast refuses the promotion meanwhile ("Master is not known yet!"): it is tried
   * again until {@code bound} has passed, rather than failing the agent's start.
   */
  private void promoteOnceAMasterIsKnown(Node node, Duration bound) throws InterruptedException {
    long end = System.nanoTime() + bound.toNanos();
    boolean said = false;
    while (instance.getCluster().getLocalMember().isLiteMember()) {
      try {
        instance.getCluster().promoteLocalLiteMember();
        return;
      } catch (IllegalStateException refused) {
        if (System.nanoTime() > end) {
          throw refused;
        }
        if (!said) {
          LOG.info("taking partitions once this member knows its master again (" + refused.getMessage()
              + ", master " + (node.getClusterService().getMasterAddress() == null ? "unknown" : "known") + ")");
          said = true;
        }
        Thread.sleep(CONNECTED_POLL_MS);
      }
    }
  }

  private static boolean connectedToEveryMember(Node node, ServerConnectionManager connections) {
    for (Member member : node.getClusterService().getMembers()) {
      if (!member.localMember() && connections.get(member.getAddress()) == null) {
        connections.getOrConnect(member.getAddress());
        return false;
      }
    }
    return true;
  }

  /**
   * Suspects the member {@code uuid} at once, for {@code reason}, as Hazelcast's own failure
   * detection would: the master drops it, and a member that is not the master tells the master.
   * Returns whether it was another member of this one's cluster.
   */
  public boolean suspect(UUID uuid, String reason) {
    Node node = nodeContext.node;
    Member member = node == null ? null : node.getClusterService().getMember(uuid);
    if (member == null || member.localMember() || !node.isRunning()) {
      return false;
    }
    node.getClusterService().suspectMember(member, reason, true);
    return true;
  }

  /** Member connections refused at the TLS handshake, or dropped for not finishing it. */
  public long refusedConnections() {
    TlsChannels channels = nodeContext.channels;
    return channels == null ? 0 : channels.refused();
  }

  /** Whether lost hosts are told by their kernels' silence, or by heartbeats alone (see {@link TcpUserTimeout}). */
  public static boolean hearsKernels() {
    return TcpUserTimeout.isAvailable();
  }

  /** Hands Hazelcast the extension that makes its channels TLS. */
  private static final class TlsNodeContext extends DefaultNodeContext {
    private final TlsSettings settings;
    private final Consumer<SSLEngine> engines;
    private final IntConsumer listening;
    private volatile TlsChannels channels;
    private volatile Node node;

    TlsNodeContext(TlsSettings settings, Consumer<SSLEngine> engines, IntConsumer listening) {
      this.settings = settings;
      this.engines = engines;
      this.listening = listening;
    }

    /** Hazelcast's own picker, which binds the member's port; the port is told as it is bound. */
    @Override
    public AddressPicker createAddressPicker(Node node) {
      return new TellingPicker(super.createAddressPicker(node), listening);
    }

    @Override
    public NodeExtension createNodeExtension(Node node) {
      this.node = node;
      return new DefaultNodeExtension(node) {
        @Override
        public Function<EndpointQualifier, ChannelInitializer> createChannelInitializerFn(
            ServerContext serverContext) {
          channels = new TlsChannels(super.createChannelInitializerFn(serverContext), settings,
              new PeerTrouble(node, serverContext), engines);
          return channels;
        }
      };
    }
  }

  /** Tells the member's bound port once Hazelcast's picker has bound it (the node joins later). */
  private record TellingPicker(AddressPicker picker, IntConsumer listening) implements AddressPicker {
    @Override
    public void pickAddress() throws Exception {
      picker.pickAddress();
      listening.accept(picker.getServerSocketChannel(EndpointQualifier.MEMBER).socket().getLocalPort());
    }

    @Override
    public Address getBindAddress(EndpointQualifier qualifier) {
      return picker.getBindAddress(qualifier);
    }

    @Override
    public Address getPublicAddress(EndpointQualifier qualifier) {
      return picker.getPublicAddress(qualifier);
    }

    @Override
    public Map<EndpointQualifier, Address> getPublicAddressMap() {
      return picker.getPublicAddressMap();
    }

    @Override
    public Map<EndpointQualifier, Address> getBindAddressMap() {
      return picker.getBindAddressMap();
    }

    @Override
    public ServerSocketChannel getServerSocketChannel(EndpointQualifier qualifier) {
      return picker.getServerSocketChannel(qualifier);
    }

    @Override
    public Map<EndpointQualifier, ServerSocketChannel> getServerSocketChannels() {
      return picker.getServerSocketChannels();
    }
  }

  /** Hazelcast's answers to a peer in trouble. */
  private record PeerTrouble(Node node, ServerContext server) implements TlsChannels.Peers {
    @Override
    public void unreachable(Channel channel) {
      Address peer = (Address) channel.attributeMap().get(Address.class);
      if (peer != null) {
        server.onFailedConnection(peer);
      }
    }

    @Override
    public void lost(Channel channel) {
      ServerConnection connection = (ServerConnection) channel.attributeMap().get(ServerConnection.class);
      Address peer = connection == null ? null : connection.getRemoteAddress();
      var member = peer == null ? null : node.getClusterService().getMember(peer);
      if (member == null || member.localMember()) {
        return;
      }
      GONE_CHECKS.execute(() -> suspectIfUnanswered(node, peer));
    }
  }

  /**
   * A member connection ended by the kernel's unacknowledged bound: the member's host is gone or
   * cut off, unless its member port still answers. The bound also ends a connection whose peer
   * acknowledges everything but reads nothing, its receive window closed (Linux counts zero-window
   * probes against it): a JVM stalled or starved of CPU, which the heartbeats judge, not this.
   */
  private static void suspectIfUnanswered(Node node, Address peer) {
    Peer at = Peer.at(node, peer);
    if (at == null) {
      return;
    }
    Member member = at.member();
    GoneCheck.Answer answer = GoneCheck.probe(at.port(), GoneCheck.BOUND);
    if (answer == GoneCheck.Answer.LISTENING) {
      LOG.info("the connection to member " + peer + " went unacknowledged for the bound, but its host"
          + " answers on its member port: its agent reads nothing (stalled or starved of CPU); left to"
          + " the heartbeats");
      return;
    }
    LOG.info("the host of member " + peer + " stopped acknowledging what this one sent: it is gone or"
        + " cut off (its member port: " + answer + ")");
    node.getClusterService().suspectMember(member, "its host stopped acknowledging", true);
  }
}
