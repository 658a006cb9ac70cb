package io.weft.agent.netlink;

/** A network interface: the attributes every link has, plus its kind's own settings. */
public sealed interface Link permits Bridge, Veth, Vxlan, Device {

  LinkAttrs attrs();

  /** The rtnetlink kind ({@code bridge}, {@code veth}, {@code vxlan}), null for plain devices. */
  String kind();

  default String name() {
    return attrs().name();
  }

  default int index() {
    return attrs().index();
  }
}
