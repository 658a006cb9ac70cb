package io.weft.agent.netlink;

/**
 * A veth pair. When creating, {@code peer} holds the other end's name and, where not 0 or null,
 * its MTU and MAC, and {@code peerNamespace}, if not null, is where the kernel creates it (so it
 * never appears in this namespace): the whole pair in one request. When listing, both are null:
 * the kernel reports only the peer's index.
 */
public record Veth(LinkAttrs attrs, LinkAttrs peer, NsTarget peerNamespace) implements Link {

  public static Veth pair(String name, String peerName) {
    return new Veth(LinkAttrs.named(name), LinkAttrs.named(peerName), null);
  }

  /** The other end's name; null for a listed pair. */
  public String peerName() {
    return peer == null ? null : peer.name();
  }

  /** The same pair with the peer created directly in {@code ns}. */
  public Veth withPeerIn(NsTarget ns) {
    return new Veth(attrs, peer, ns);
  }

  public Veth withAttrs(LinkAttrs attrs) {
    return new Veth(attrs, peer, peerNamespace);
  }

  /** The same pair with the peer's MTU and MAC as {@code peer} gives them (its name included). */
  public Veth withPeer(LinkAttrs peer) {
    return new Veth(attrs, peer, peerNamespace);
  }

  @Override
  public String kind() {
    return "veth";
  }
}
