package io.weft.agent.netlink;

/**
 * Where a link goes when it moves or is created in another namespace: the namespace of a process
 * (IFLA_NET_NS_PID) or one an open descriptor refers to (IFLA_NET_NS_FD).
 */
public record NsTarget(Kind kind, int value) {

  public enum Kind { PID, FD }

  public static NsTarget pid(int pid) {
    return new NsTarget(Kind.PID, pid);
  }

  public static NsTarget fd(int fd) {
    return new NsTarget(Kind.FD, fd);
  }

  @Override
  public String toString() {
    return "netns " + (kind == Kind.PID ? "pid " : "fd ") + value;
  }
}
