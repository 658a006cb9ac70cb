package io.weft.agent.netlink;

/**
 * A veth pair. When creating, {@code peerName} names the other end and {@code peerNamespace},
 * if not null, is where the kernel creates it (so it never appears in this namespace). When
 * listing, both are null: the kernel reports only the peer's index.
 */
public record Veth(LinkAttrs attrs, String peerName, NsTarget peerNamespace) implements Link {

  public static Veth pair(String name, String peerName) {
    return new Veth(LinkAttrs.named(name), peerName, null);
  }

  /** The same pair with the peer created directly in {@code ns}. */
  public Veth withPeerIn(NsTarget ns) {
    return new Veth(attrs, peerName, ns);
  }

  public Veth withAttrs(LinkAttrs attrs) {
    return new Veth(attrs, peerName, peerNamespace);
  }

  @Override
  public String kind() {
    return "veth";
  }
}
