package io.weft.shell;

import io.weft.common.WeftVersion;

public final class WeftMain {
  public static void main(String[] args) {
    System.out.println(WeftVersion.get());
  }
}
