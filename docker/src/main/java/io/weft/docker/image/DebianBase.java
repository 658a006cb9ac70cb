package io.weft.docker.image;

import io.weft.common.process.HostProcess;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;

/**
 * A base image with a Java runtime, made from Debian's packages with debootstrap, for machines
 * that reach no image registry. The root file system is made once and kept as a tar in the
 * machine's cache; every engine imports it from there.
 */
public final class DebianBase {

  static final String SUITE = "bookworm";
  // socat carries weft-call's requests to the agent's API socket; wireguard-go and
  // wireguard-tools are the data plane's encryption where the kernel has no WireGuard;
  // iproute2, ping and iperf3 are for operators and the sandbox's tests, not for the agent.
  static final String PACKAGES = "openjdk-17-jre-headless,iproute2,iputils-ping,iperf3,socat,"
      + "wireguard-go,wireguard-tools";
  /**
   * The name the base takes inside an engine, and in the machine's cache: it names its package
   * list, so a base made from another list (an older weft's) is never taken for this one.
   */
  public static final String IMAGE = "weft/base:" + SUITE + "-jre17-" + packagesTag();
  // Package caches, indexes and translations: a third of the tree, and no use in a container.
  private static final List<String> TRIMMED =
      List.of("var/cache/apt", "var/lib/apt/lists", "usr/share/doc", "usr/share/man",
          "usr/share/locale", "usr/share/info");

  private final Path cacheDir;

  public DebianBase(Path cacheDir) {
    this.cacheDir = cacheDir;
  }

  public static DebianBase inDefaultCache() {
    return new DebianBase(Path.of("/var/cache/weft"));
  }

  /** Bases of other package lists (an older weft's) are 300 MB each that nothing reads again. */
  private void forgetOtherBases(Path kept) throws IOException {
    try (var others = Files.newDirectoryStream(cacheDir, "base-*.image.tar")) {
      for (Path other : others) {
        if (!other.equals(kept)) {
          Files.deleteIfExists(other);
        }
      }
    }
  }

  /** Eight hex digits of the package list's SHA-256. */
  static String packagesTag() {
    try {
      byte[] digest = java.security.MessageDigest.getInstance("SHA-256")
          .digest(PACKAGES.getBytes(java.nio.charset.StandardCharsets.UTF_8));
      return java.util.HexFormat.of().formatHex(digest, 0, 4);
    } catch (java.security.NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is part of every JDK", e);
    }
  }

  /**
   * The base image as {@code docker save} writes one (a manifest, a config and one layer), cached
   * on this machine and made now when missing. An engine loads it at disk speed, and making it
   * needs no engine at all.
   */
  public Path imageArchive() {
    Path archive = cacheDir.resolve("base-" + IMAGE.substring(IMAGE.indexOf(':') + 1) + ".image.tar");
    if (Files.isRegularFile(archive)) {
      return archive;
    }
    if (!HostProcess.onPath("debootstrap")) {
      throw new IllegalStateException(
          "debootstrap is missing: install it (apt-get install debootstrap) or pass --base IMAGE");
    }
    String mirror = AptSources.debianMirror(SUITE);
    Path work = cacheDir.resolve("base-rootfs.partial");
    Path layer = cacheDir.resolve("layer.tar.partial");
    Path partialArchive = cacheDir.resolve("image.tar.partial");
    try {
      Files.createDirectories(cacheDir);
      HostProcess.of("rm", "-rf", work.toString(), layer.toString()).run();
      HostProcess.of("debootstrap", "--variant=minbase", "--include=" + PACKAGES,
              SUITE, work.toString(), mirror)
          .timeoutSeconds(900).run();
      for (String trimmed : TRIMMED) {
        HostProcess.of("rm", "-rf", work.resolve(trimmed).toString()).run();
      }
      HostProcess.of("tar", "--numeric-owner", "-C", work.toString(), "-cf", layer.toString(), ".")
          .run();
      SavedImage.write(IMAGE, layer, partialArchive);
      Files.move(partialArchive, archive, StandardCopyOption.ATOMIC_MOVE);
      forgetOtherBases(archive);
      return archive;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot make the base image in " + cacheDir, e);
    } finally {
      HostProcess.of("rm", "-rf", work.toString(), layer.toString(), partialArchive.toString())
          .runAllowingFailure();
    }
  }
}
