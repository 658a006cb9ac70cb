package io.weft.agent.netlink;

/** A Linux bridge. */
public record Bridge(LinkAttrs attrs) implements Link {

  public static Bridge named(String name) {
    return new Bridge(LinkAttrs.named(name));
  }

  @Override
  public String kind() {
    return "bridge";
  }
}
